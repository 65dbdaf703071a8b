package dev.berth.reservations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text form agents are declared with: {@code cpus:4;mem:8192;disk:100000;ports:[31000-32000]}.
 * Entries are separated by {@code ;}; a value in brackets is a set of ranges, any other a scalar. A
 * disk may name its source in brackets after its name: {@code disk[mount:/mnt/d1]:200000}.
 */
public final class ResourceText {
    private ResourceText() {
    }

    public static Resources parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidResourceException("resources", String.valueOf(text),
                    "entries such as cpus:4;mem:8192;disk:100000;ports:[31000-32000]");
        }
        List<Resource> out = new ArrayList<>();
        Set<ResourceKey> seen = new HashSet<>();
        for (String entry : text.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            Resource r = parseEntry(e);
            if (!seen.add(r.key())) {
                throw new InvalidResourceException("resources", text,
                        "each resource once; '" + r.name() + r.source() + "' appears twice");
            }
            out.add(r);
        }
        return Resources.of(out);
    }

    private static Resource parseEntry(String entry) {
        String head;
        String value;
        int bracket = entry.indexOf('[');
        int colon;
        // A disk source "[path:/x]" holds a colon of its own: find the colon after the closing bracket.
        if (bracket >= 0 && bracket < entry.indexOf(':')) {
            int close = entry.indexOf(']', bracket);
            colon = close < 0 ? -1 : entry.indexOf(':', close);
        } else {
            colon = entry.indexOf(':');
        }
        if (colon <= 0) {
            throw new InvalidResourceException("resources", entry, "NAME:VALUE, such as cpus:4 or ports:[31000-32000]");
        }
        head = entry.substring(0, colon).trim();
        value = entry.substring(colon + 1).trim();
        String name = head;
        DiskSource source = DiskSource.ROOT;
        int open = head.indexOf('[');
        if (open >= 0) {
            if (!head.endsWith("]")) {
                throw new InvalidResourceException("resources", entry, "a disk source written as disk[path:/dir]");
            }
            name = head.substring(0, open);
            source = DiskSource.parse(head.substring(open + 1, head.length() - 1));
        }
        ResourceValue parsed = value.startsWith("[") ? Ranges.parse(name, value) : Scalar.parse(name, value);
        return new Resource(name, parsed, java.util.Optional.empty(), source);
    }

    public static String format(Resources resources) {
        return resources.toString();
    }
}
