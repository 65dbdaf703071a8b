package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Where every state of a task goes: to the checkpoint first, then to the listener (the agent, which
 * tells the master), never the other way round, so a restarted agent never denies what the master
 * heard. Callers hold the task's lock.
 */
final class TaskJournal {
    private static final Logger LOG = Logger.getLogger(TaskJournal.class);

    private final AgentCheckpoint checkpoint;
    private final TaskStatusListener listener;

    TaskJournal(AgentCheckpoint checkpoint, TaskStatusListener listener) {
        this.checkpoint = checkpoint;
        this.listener = listener;
    }

    /** Makes {@code record} the task's, durably; the listener hears of it when its status changed. */
    void persist(ActiveTask task, CheckpointedTask record, boolean statusChanged) {
        checkpoint.saveTask(record);
        task.record = record;
        if (statusChanged) {
            try {
                listener.onStatus(record.status());
            } catch (RuntimeException e) {
                LOG.errorf(e, "status listener failed on %s", record.status());
            }
        }
    }

    /** The task is in a new state now. */
    void transition(ActiveTask task, TaskState state, TaskStatus.Reason reason, String message, OptionalLong pid) {
        persist(task, task.record.withStatus(status(task.taskId, state, reason, message, OptionalInt.empty(), pid)), true);
    }

    /** A status stamped now; the agent stamps the id it registered under on the way out. */
    static TaskStatus status(String taskId, TaskState state, TaskStatus.Reason reason, String message,
                             OptionalInt exitCode, OptionalLong pid) {
        return new TaskStatus(taskId, null, state, reason, message,
                exitCode.isPresent() ? Optional.of(exitCode.getAsInt()) : Optional.empty(),
                pid.isPresent() ? Optional.of(pid.getAsLong()) : Optional.empty(), false, Instant.now(), null);
    }
}
