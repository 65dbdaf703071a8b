package dev.berth.core.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One status update of a task, as the agent sends it to the master: the state, why (a
 * machine-readable {@link Reason} and a human message), the exit code when there is one, and the pid
 * of the task's wrapper process (its process group id too) once it is known.
 */
public record TaskStatus(String taskId, TaskState state, Reason reason, Optional<String> message,
        OptionalInt exitCode, OptionalLong pid, Instant timestamp) {

    /** Why a task is in its state; lets the master and frameworks react without parsing messages. */
    public enum Reason {
        /** Nothing to explain (normal STAGING/STARTING/RUNNING). */
        NONE,
        /** The command exited by itself; see the exit code. */
        COMMAND_EXITED,
        /** A kill was asked for (framework, operator or agent shutdown). */
        KILL_REQUESTED,
        /** The task used more memory than it was given. */
        MEMORY_LIMIT,
        /** The sandbox, the cgroup or the process could not be set up. */
        LAUNCH_FAILED,
        /** The process vanished without an exit status, or was never started before the agent died. */
        PROCESS_VANISHED,
        /** A restarted agent found the task still running and watches it again. */
        REATTACHED
    }

    public TaskStatus {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? Reason.NONE : reason;
        message = message == null ? Optional.empty() : message;
        exitCode = exitCode == null ? OptionalInt.empty() : exitCode;
        pid = pid == null ? OptionalLong.empty() : pid;
        timestamp = timestamp == null ? Instant.now() : timestamp;
    }

    /** A status stamped now. */
    public static TaskStatus of(String taskId, TaskState state, Reason reason, String message, OptionalInt exitCode,
            OptionalLong pid) {
        return new TaskStatus(taskId, state, reason, Optional.ofNullable(message), exitCode, pid, Instant.now());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(taskId).append(' ').append(state);
        if (reason != Reason.NONE) {
            b.append(" (").append(reason).append(')');
        }
        exitCode.ifPresent(c -> b.append(" exit=").append(c));
        pid.ifPresent(p -> b.append(" pid=").append(p));
        message.ifPresent(m -> b.append(": ").append(m));
        return b.toString();
    }
}
