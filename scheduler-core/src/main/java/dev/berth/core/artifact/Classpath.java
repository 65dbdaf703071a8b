package dev.berth.core.artifact;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a task gets from {@link ArtifactCache#resolve}: the ordered jars to put on its class path.
 *
 * <p>Order is the resolver's pre-order walk of the mediated dependency graph: each requested
 * artifact followed by its dependencies, as Maven orders a class path. Immutable, so it can be
 * handed to a task launch and logged as is.
 *
 * @param requested what the caller asked for
 * @param artifacts every resolved artifact, requested ones and their runtime dependencies
 * @param downloads number of files (jars and POMs) this call fetched from remote repositories;
 *                  0 when everything came from the cache
 */
public record Classpath(List<ArtifactCoordinate> requested, List<ResolvedArtifact> artifacts, int downloads) {

    public Classpath {
        requested = List.copyOf(requested);
        artifacts = List.copyOf(artifacts);
        if (downloads < 0) {
            throw new IllegalArgumentException("downloads: " + downloads + " must be >= 0");
        }
    }

    /** The jar files, in class path order. */
    public List<Path> entries() {
        return artifacts.stream().map(ResolvedArtifact::file).toList();
    }

    /** The coordinates of {@link #entries()}, same order. */
    public List<ArtifactCoordinate> coordinates() {
        return artifacts.stream().map(ResolvedArtifact::coordinate).toList();
    }

    /**
     * The entries joined with the platform path separator ({@code ':'} on the Unix hosts agents
     * run on), ready for {@code java -cp} or {@code CLASSPATH}.
     */
    public String asString() {
        return String.join(File.pathSeparator, entries().stream().map(Path::toString).toList());
    }

    /** The file of one resolved artifact, matched on group and artifact id. */
    public Path fileOf(String groupId, String artifactId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        return artifacts.stream()
                .filter(a -> a.coordinate().groupId().equals(groupId)
                        && a.coordinate().artifactId().equals(artifactId))
                .map(ResolvedArtifact::file)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "artifact: " + groupId + ":" + artifactId + " is not on this class path " + coordinates()));
    }
}
