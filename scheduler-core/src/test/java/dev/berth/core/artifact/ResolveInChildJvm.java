package dev.berth.core.artifact;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for {@link ConcurrentResolveTest}: one "agent" in its own JVM resolving into a
 * shared cache. Arguments: cache directory, coordinate. Exit status 0 on success.
 */
final class ResolveInChildJvm {

    static final String CLASSPATH_PREFIX = "classpath=";
    static final String DOWNLOADS_PREFIX = "downloads=";

    private ResolveInChildJvm() {
    }

    public static void main(String[] args) {
        try (ArtifactCache cache = new ArtifactCache(Path.of(args[0]))) {
            Classpath classpath = cache.resolve(List.of(ArtifactCoordinate.parse(args[1])));
            System.out.println(CLASSPATH_PREFIX + classpath.asString());
            System.out.println(DOWNLOADS_PREFIX + classpath.downloads());
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
