package dev.berth.core.artifact;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a {@link Classpath}: which artifact, and the file on this machine that holds it.
 *
 * @param coordinate exact coordinate that was resolved (dependencies included, after mediation)
 * @param file       absolute path in the artifact cache, or in a read-only local repository the
 *                   cache chains to
 */
public record ResolvedArtifact(ArtifactCoordinate coordinate, Path file) {

    public ResolvedArtifact {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(file, "file");
    }
}
