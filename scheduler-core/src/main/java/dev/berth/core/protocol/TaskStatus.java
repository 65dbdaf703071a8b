package dev.berth.core.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One status update of a task. The {@code uuid} identifies this update so that it is delivered at
 * least once and acknowledged exactly by id; a retried update keeps its uuid.
 */
public record TaskStatus(
        String taskId,
        String agentId,
        TaskState state,
        String message,
        Optional<Integer> exitCode,
        boolean ready,
        Instant timestamp,
        String uuid) {

    public TaskStatus {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        timestamp = timestamp == null ? Instant.now() : timestamp;
        uuid = uuid == null ? UUID.randomUUID().toString() : uuid;
    }

    public static TaskStatus of(String taskId, String agentId, TaskState state, String message) {
        return new TaskStatus(taskId, agentId, state, message, Optional.empty(), false, Instant.now(), null);
    }

    /** Prefix of the message of a task that could not even start (bad artifact, unknown user, missing JDK). */
    public static final String LAUNCH_FAILED = "launch failed: ";

    /** The task never ran: retrying the same launch fails the same way until an operator acts. */
    public boolean launchFailed() {
        return state == TaskState.FAILED && message.startsWith(LAUNCH_FAILED);
    }

    public TaskStatus withReady(boolean r) {
        return new TaskStatus(taskId, agentId, state, message, exitCode, r, timestamp, uuid);
    }
}
