package dev.berth.core.artifact;

import java.util.List;

/**
 * Artifacts could not be put on a class path: not found, a download failed or was corrupt, or a
 * cached file no longer matches its checksum.
 *
 * <p>Unchecked because a task launch cannot do anything but fail the task with this message; the
 * message is written for the operator reading the task's status: it names the coordinates and
 * the repositories that were tried.
 */
public final class ArtifactResolveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ArtifactCoordinate> requested;
    private final transient List<MavenRepository> repositories;

    public ArtifactResolveException(
            String message, List<ArtifactCoordinate> requested, List<MavenRepository> repositories, Throwable cause) {
        super(message, cause);
        this.requested = List.copyOf(requested);
        this.repositories = List.copyOf(repositories);
    }

    /** What the failed call asked for. */
    public List<ArtifactCoordinate> requested() {
        return requested;
    }

    /** The remote repositories that were tried. */
    public List<MavenRepository> repositories() {
        return repositories;
    }
}
