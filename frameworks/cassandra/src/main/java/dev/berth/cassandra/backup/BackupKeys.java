package dev.berth.cassandra.backup;

/**
 * What a key in a backup store may be: a relative name of '/'-separated segments, the same in every store, so
 * a backup written to a directory could be copied to a bucket and read back under the same keys.
 *
 * <p>Why these rules: a key becomes a path under the directory store's root, so "..", "." and a leading "/"
 * could leave that root; an empty segment ("a//b", a trailing "/") names a different object in S3 than in a
 * directory. Segments that start with a dot stay allowed: Cassandra keeps a secondary index's SSTables in a
 * directory such as {@code .users_email_idx}.
 */
public final class BackupKeys {
    /** The directory store writes a file here before moving it into place, so no key may start with it. */
    static final String INCOMING = ".berth-incoming";

    private BackupKeys() {
    }

    /** The key itself, or an {@link IllegalArgumentException} that names it and what a key may be. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw refused(key, "it is empty");
        }
        if (key.endsWith("/")) {
            throw refused(key, "it ends with '/', which names no object");
        }
        checkSegments(key, key);
        return key;
    }

    /**
     * A prefix for {@code list}: empty (every key) or the start of a key; it may end with '/' (every key under
     * that folder) or in the middle of a segment ("backups/b" also lists "backups/b1/...", as S3 does).
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw refused(null, "it is null; use \"\" for every key");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.startsWith("/")) {
            throw refused(prefix, "it starts with '/'; keys are relative");
        }
        checkSegments(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, prefix);
        return prefix;
    }

    private static void checkSegments(String path, String asGiven) {
        if (path.startsWith("/")) {
            throw refused(asGiven, "it starts with '/'; keys are relative");
        }
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw refused(asGiven, "it holds a '\\' or a NUL character");
        }
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw refused(asGiven, "it has an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused(asGiven, "it has a '" + segment + "' segment");
            }
        }
        if (segments[0].equals(INCOMING)) {
            throw refused(asGiven, "'" + INCOMING + "' is where the directory store writes files before they are complete");
        }
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("backup store key " + (key == null ? "null" : "'" + key + "'")
                + " refused: " + why + "; a key is a relative name of '/'-separated, non-empty segments other"
                + " than '.' and '..', such as backups/b1/manifest.json");
    }
}
