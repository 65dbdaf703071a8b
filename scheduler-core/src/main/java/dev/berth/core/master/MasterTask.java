package dev.berth.core.master;

import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task the master knows: its info, framework, latest status, and the status updates the framework
 * has not acknowledged yet, delivered oldest first and retried until acknowledged.
 */
final class MasterTask {
    final String frameworkId;
    final TaskInfo info;
    TaskStatus latest;
    final Deque<TaskStatus> unacknowledged = new ArrayDeque<>();
    Instant lastDelivery = Instant.EPOCH;
    /** Set while a delivery of the head waits on the framework's callback thread: a retry then adds no copy. */
    final AtomicBoolean deliveryQueued = new AtomicBoolean();
    /** When the master first saw the task ended and acknowledged; null before ({@link CompletedTasks}). */
    Instant completedAt;

    MasterTask(String frameworkId, TaskInfo info, TaskStatus latest) {
        this.frameworkId = frameworkId;
        this.info = info;
        this.latest = latest;
    }
}
