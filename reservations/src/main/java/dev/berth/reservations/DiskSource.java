package dev.berth.reservations;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where disk space comes from. ROOT is the agent's work dir; a PATH disk is a directory the agent
 * declares (it may share its device); a MOUNT disk is a whole mounted device that is used only as
 * one piece. Written in the agent's resource text as {@code disk[path:/srv/d1]:50000}.
 */
public record DiskSource(Kind kind, String root) implements Comparable<DiskSource> {
    public enum Kind { ROOT, PATH, MOUNT }

    public static final DiskSource ROOT = new DiskSource(Kind.ROOT, "");
    private static final Comparator<DiskSource> ORDER =
            Comparator.comparing(DiskSource::kind).thenComparing(DiskSource::root);

    public DiskSource {
        Objects.requireNonNull(kind, "kind");
        root = root == null ? "" : root;
        if (kind == Kind.ROOT && !root.isEmpty()) {
            throw new InvalidResourceException("disk source", root, "no root for the ROOT disk");
        }
        if (kind != Kind.ROOT && (!root.startsWith("/") || root.contains("/../") || root.endsWith("/.."))) {
            throw new InvalidResourceException("disk source", root,
                    "an absolute path without '..' for a " + kind + " disk");
        }
    }

    public static DiskSource path(String root) {
        return new DiskSource(Kind.PATH, root);
    }

    public static DiskSource mount(String root) {
        return new DiskSource(Kind.MOUNT, root);
    }

    /** Parses the text in brackets: {@code path:/srv/d1} or {@code mount:/mnt/d2}. */
    public static DiskSource parse(String text) {
        int colon = text.indexOf(':');
        String allowed = "path:/absolute/dir or mount:/absolute/dir";
        if (colon < 0) {
            throw new InvalidResourceException("disk source", text, allowed);
        }
        String kind = text.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        String root = text.substring(colon + 1).trim();
        return switch (kind) {
            case "path" -> path(root);
            case "mount" -> mount(root);
            default -> throw new InvalidResourceException("disk source", text, allowed);
        };
    }

    @Override
    public int compareTo(DiskSource other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind == Kind.ROOT ? "" : "[" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + root + "]";
    }
}
