package dev.berth.core.agent;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A persistent volume as a task sees it: the volume's directory on the host ({@code hostPath}) is
 * made reachable at {@code containerPath}, a path relative to the task's sandbox, through a symlink.
 *
 * <p>{@code mode} is recorded and exported to the task, but a symlink cannot make a directory
 * read-only; {@link Mode#RO} is advisory until the agent bind-mounts volumes.
 */
public record MountedVolume(String persistenceId, Path hostPath, String containerPath, Mode mode) {
    public enum Mode { RW, RO }

    public MountedVolume {
        Objects.requireNonNull(persistenceId, "volume.persistenceId");
        Objects.requireNonNull(hostPath, "volume.hostPath");
        Objects.requireNonNull(containerPath, "volume.containerPath");
        mode = mode == null ? Mode.RW : mode;
        if (persistenceId.isBlank()) {
            throw new IllegalArgumentException("volume.persistenceId: must not be blank");
        }
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("volume.hostPath: '" + hostPath + "' is not accepted; use an absolute path");
        }
        Path relative = Path.of(containerPath).normalize();
        if (containerPath.isBlank() || relative.isAbsolute() || relative.startsWith("..")
                || relative.toString().isEmpty()) {
            throw new IllegalArgumentException("volume.containerPath: '" + containerPath
                    + "' is not accepted; use a path relative to the sandbox such as 'data' or 'var/lib/db'");
        }
    }
}
