package dev.berth.core.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One status update of a task, the same record from the agent that runs it through the master to the
 * framework: the state, why (a typed {@link Reason}, so nobody parses messages, and a message for
 * people), the exit code and the pid of the task's wrapper process (its process group too) when known,
 * whether its readiness check passed, and when. The {@code uuid} identifies this update so that it is
 * delivered at least once and acknowledged exactly by id; a retried update keeps its uuid.
 */
public record TaskStatus(
        String taskId,
        String agentId,
        TaskState state,
        Reason reason,
        String message,
        Optional<Integer> exitCode,
        Optional<Long> pid,
        boolean ready,
        Instant timestamp,
        String uuid) {

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
        /**
         * The task never ran: the sandbox, the cgroup, the process, an artifact, the user or the JDK could
         * not be set up. The same launch would fail the same way until an operator acts.
         */
        LAUNCH_FAILED,
        /** The process vanished without an exit status, or was never started before the agent died. */
        PROCESS_VANISHED,
        /** A restarted agent found the task still running and watches it again. */
        REATTACHED,
        /** The agent stayed silent past the agent timeout (or is away while a kill is asked). */
        AGENT_UNREACHABLE,
        /** The agent registered again without this task: it lost it (its checkpoint did not have it). */
        AGENT_LOST_TASK,
        /** Whoever was asked (the master on reconciliation, the agent on a kill) knows no such task. */
        UNKNOWN_TASK
    }

    public TaskStatus {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? Reason.NONE : reason;
        message = message == null ? "" : message;
        exitCode = exitCode == null ? Optional.empty() : exitCode;
        pid = pid == null ? Optional.empty() : pid;
        timestamp = timestamp == null ? Instant.now() : timestamp;
        uuid = uuid == null ? UUID.randomUUID().toString() : uuid;
    }

    /** A status stamped now, with nothing to explain beyond its message. */
    public static TaskStatus of(String taskId, String agentId, TaskState state, String message) {
        return of(taskId, agentId, state, Reason.NONE, message);
    }

    /** A status stamped now, with its reason. */
    public static TaskStatus of(String taskId, String agentId, TaskState state, Reason reason, String message) {
        return new TaskStatus(taskId, agentId, state, reason, message, Optional.empty(), Optional.empty(), false,
                Instant.now(), null);
    }

    /** The task never ran: retrying the same launch fails the same way until an operator acts. */
    public boolean launchFailed() {
        return state == TaskState.FAILED && reason == Reason.LAUNCH_FAILED;
    }

    public TaskStatus withReady(boolean r) {
        return new TaskStatus(taskId, agentId, state, reason, message, exitCode, pid, r, timestamp, uuid);
    }

    /** This status as sent by agent {@code id} (a task runner does not know the id its agent registered under). */
    public TaskStatus withAgentId(String id) {
        return new TaskStatus(taskId, id, state, reason, message, exitCode, pid, ready, timestamp, uuid);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(taskId).append(' ').append(state);
        if (reason != Reason.NONE) {
            b.append(" (").append(reason).append(')');
        }
        exitCode.ifPresent(c -> b.append(" exit=").append(c));
        pid.ifPresent(p -> b.append(" pid=").append(p));
        if (!message.isEmpty()) {
            b.append(": ").append(message);
        }
        return b.toString();
    }
}
