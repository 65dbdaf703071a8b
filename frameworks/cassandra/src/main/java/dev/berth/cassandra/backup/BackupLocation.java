package dev.berth.cassandra.backup;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where backups live: parsed from the service options {@code backup.location}, {@code backup.s3_endpoint} and
 * {@code backup.s3_region}. A directory ({@code /abs/path} or {@code file:///abs/path}: a local disk or a
 * shared mount) or an S3 bucket with an optional key prefix ({@code s3://bucket/prefix}), on AWS or, with
 * an endpoint such as {@code http://127.0.0.1:9000}, on any S3-compatible server (addressed path-style
 * then, as most of them need).
 *
 * <p>The compact constructor checks every field, so a location in hand is always usable; each refusal names
 * the option, the value and what would be accepted.
 */
public record BackupLocation(String uri, Optional<String> endpoint, String region) {
    public static final String DEFAULT_REGION = "us-east-1";

    private static final String LOCATION = "backup.location";
    private static final String LOCATION_FORMS = "an absolute directory (/srv/backups or file:///srv/backups)"
            + " or an S3 bucket with an optional prefix (s3://my-bucket or s3://my-bucket/cassandra/prod)";
    // S3's bucket naming rules: 3-63 lower-case letters, digits, dots and hyphens, a letter or digit at each end
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The two kinds of store. */
    public enum Kind { DIRECTORY, S3 }

    public BackupLocation {
        Objects.requireNonNull(endpoint, "endpoint");
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException(LOCATION + ": no location given; expected " + LOCATION_FORMS);
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("backup.s3_region: '" + region + "' is not a region name; expected"
                    + " lower-case letters, digits and single hyphens, such as " + DEFAULT_REGION);
        }
        Kind kind = kindOf(uri);
        if (kind == Kind.DIRECTORY) {
            directoryOf(uri);
            if (endpoint.isPresent()) {
                throw new IllegalArgumentException("backup.s3_endpoint: '" + endpoint.get() + "' is set, but "
                        + LOCATION + " '" + uri + "' is a directory; an endpoint applies to s3:// locations only");
            }
        } else {
            bucketOf(uri);
            prefixOf(uri);
            endpoint.ifPresent(BackupLocation::checkEndpoint);
        }
    }

    /**
     * A location from the options as the user gave them: an empty or null endpoint means AWS itself, an empty
     * or null region {@value #DEFAULT_REGION}. Surrounding blanks are dropped.
     */
    public static BackupLocation parse(String uri, String endpoint, String region) {
        Optional<String> givenEndpoint = Optional.ofNullable(endpoint).map(String::strip).filter(e -> !e.isEmpty());
        String givenRegion = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        return new BackupLocation(uri == null ? null : uri.strip(), givenEndpoint, givenRegion);
    }

    public Kind kind() {
        return kindOf(uri);
    }

    /** The directory of a {@link Kind#DIRECTORY} location. */
    public Path directory() {
        requireKind(Kind.DIRECTORY);
        return directoryOf(uri);
    }

    /** The bucket of an {@link Kind#S3} location. */
    public String bucket() {
        requireKind(Kind.S3);
        return bucketOf(uri);
    }

    /** The key prefix inside the bucket of an {@link Kind#S3} location, without a trailing '/'; empty for none. */
    public String prefix() {
        requireKind(Kind.S3);
        return prefixOf(uri);
    }

    private void requireKind(Kind wanted) {
        if (kind() != wanted) {
            throw new IllegalStateException(LOCATION + " '" + uri + "' is not a " + wanted + " location");
        }
    }

    private static Kind kindOf(String uri) {
        if (uri.startsWith("/") || uri.startsWith("file:")) {
            return Kind.DIRECTORY;
        }
        if (uri.startsWith("s3://")) {
            return Kind.S3;
        }
        throw refused(uri, "it is neither a directory nor an s3:// URI");
    }

    private static Path directoryOf(String uri) {
        String path = uri;
        if (uri.startsWith("file:")) {
            URI parsed;
            try {
                parsed = new URI(uri);
            } catch (URISyntaxException e) {
                throw refused(uri, "it is not a valid file URI (" + e.getReason() + ")");
            }
            if (parsed.getRawAuthority() != null && !parsed.getRawAuthority().isEmpty()) {
                throw refused(uri, "a file URI names no host here; write file:///path");
            }
            path = parsed.getPath();
            if (path == null) {
                throw refused(uri, "the file URI has no path");
            }
        }
        if (!path.startsWith("/")) {
            throw refused(uri, "the directory is not absolute");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw refused(uri, "the directory has a '" + segment + "' segment");
            }
        }
        return Path.of(path);
    }

    private static String bucketOf(String uri) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw refused(uri, "'" + bucket + "' is not a bucket name (3-63 lower-case letters, digits, dots and"
                    + " hyphens, starting and ending with a letter or digit)");
        }
        return bucket;
    }

    private static String prefixOf(String uri) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty()) {
            try {
                BackupKeys.check(prefix);
            } catch (IllegalArgumentException e) {
                throw refused(uri, "the prefix '" + prefix + "' is not a relative name of non-empty segments"
                        + " other than '.' and '..'");
            }
        }
        return prefix;
    }

    private static void checkEndpoint(String endpoint) {
        String allowed = "; expected http(s)://HOST[:PORT] of an S3-compatible server, such as http://127.0.0.1:9000";
        URI parsed;
        try {
            parsed = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("backup.s3_endpoint: '" + endpoint + "' is not a URL" + allowed);
        }
        boolean http = "http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme());
        boolean bare = (parsed.getRawPath() == null || parsed.getRawPath().isEmpty() || parsed.getRawPath().equals("/"))
                && parsed.getRawQuery() == null && parsed.getRawFragment() == null;
        // a user:password@ part would put a secret into the service's options, shown to every reader
        if (!http || parsed.getHost() == null || parsed.getRawUserInfo() != null || !bare) {
            throw new IllegalArgumentException("backup.s3_endpoint: '" + (parsed.getRawUserInfo() == null ? endpoint
                    : endpoint.replace(parsed.getRawUserInfo(), "****")) + "' is not accepted" + allowed
                    + " (no user, path or query; credentials are the service's secrets)");
        }
    }

    private static IllegalArgumentException refused(String uri, String why) {
        return new IllegalArgumentException(LOCATION + ": '" + uri + "' is not accepted: " + why + "; expected "
                + LOCATION_FORMS);
    }
}
