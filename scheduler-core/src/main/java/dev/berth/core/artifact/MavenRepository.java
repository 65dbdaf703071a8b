package dev.berth.core.artifact;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A remote Maven repository artifacts are downloaded from.
 *
 * <p>The id matters beyond display: the cache records which repository id each file came from
 * ({@code _remote.repositories}), and only serves a cached file to requests that include that id.
 * Keep ids stable (Maven Central is {@code central}, as in Maven itself, so files are shared
 * with a Maven-populated repository).
 *
 * @param id  stable repository id, e.g. {@code central}
 * @param url base URL ({@code https}, {@code http} or {@code file})
 */
public record MavenRepository(String id, URI url) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
    // ID must be initialized before CENTRAL, whose constructor uses it.

    /** Maven Central, the default source of database binaries. */
    public static final MavenRepository CENTRAL =
            new MavenRepository("central", URI.create("https://repo.maven.apache.org/maven2/"));

    public MavenRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "repository id: '" + id + "' may only contain letters, digits and '_', '.', '-'");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http") || scheme.equals("file"))) {
            throw new IllegalArgumentException(
                    "repository url: '" + url + "' must be an absolute https, http or file URL");
        }
    }

    /** Convenience for configuration text. */
    public static MavenRepository of(String id, String url) {
        return new MavenRepository(id, URI.create(url));
    }

    @Override
    public String toString() {
        return id + " (" + url + ")";
    }
}
