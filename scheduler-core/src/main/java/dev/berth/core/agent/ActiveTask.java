package dev.berth.core.agent;

import dev.berth.core.protocol.TaskStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The runner's live view of one task. Every field is guarded by the object's own monitor; the
 * {@link #record} is always what was last written to the checkpoint.
 */
final class ActiveTask {
    final String taskId;
    final Sandbox sandbox;
    final CompletableFuture<TaskStatus> terminal = new CompletableFuture<>();

    CheckpointedTask record;
    TaskContainer container;
    /** The wrapper process, once it has reported itself; null while launching. */
    ProcessIdentity identity;
    ScheduledFuture<?> killTimer;

    ActiveTask(CheckpointedTask record, Sandbox sandbox) {
        this.taskId = record.taskId();
        this.record = record;
        this.sandbox = sandbox;
    }

    boolean ended() {
        return record.state().isTerminal();
    }

    TaskLaunch launch() {
        return record.launch();
    }
}
