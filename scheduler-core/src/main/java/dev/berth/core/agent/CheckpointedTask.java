package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpointed facts about one task: how it was launched (volumes included), where its sandbox
 * is, its latest status (state, pid, exit code), the start time of its wrapper process (the pid alone
 * is not an identity) and a pending kill. Written before the process starts, after it started and
 * when it ends.
 */
public record CheckpointedTask(TaskLaunch launch, Path sandbox, TaskStatus status, Optional<Long> pidStartTime,
        Optional<KillRequest> kill) {

    public CheckpointedTask {
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(status, "status");
        pidStartTime = pidStartTime == null ? Optional.empty() : pidStartTime;
        kill = kill == null ? Optional.empty() : kill;
        if (!status.taskId().equals(launch.taskId())) {
            throw new IllegalArgumentException("status of task " + status.taskId() + " in the record of task "
                    + launch.taskId());
        }
    }

    public String taskId() {
        return launch.taskId();
    }

    public TaskState state() {
        return status.state();
    }

    /** The wrapper's identity, when both pid and start time were recorded. */
    public Optional<ProcessIdentity> identity() {
        if (status.pid().isPresent() && pidStartTime.isPresent()) {
            return Optional.of(new ProcessIdentity(status.pid().get(), pidStartTime.get()));
        }
        return Optional.empty();
    }

    public CheckpointedTask withStatus(TaskStatus newStatus) {
        return new CheckpointedTask(launch, sandbox, newStatus, pidStartTime, kill);
    }

    public CheckpointedTask withIdentity(ProcessIdentity identity, TaskStatus newStatus) {
        return new CheckpointedTask(launch, sandbox, newStatus, Optional.of(identity.startTime()), kill);
    }

    public CheckpointedTask withKill(KillRequest request) {
        return new CheckpointedTask(launch, sandbox, status, pidStartTime, Optional.of(request));
    }
}
