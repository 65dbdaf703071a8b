package dev.berth.core.master;

import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

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

    MasterTask(String frameworkId, TaskInfo info, TaskStatus latest) {
        this.frameworkId = frameworkId;
        this.info = info;
        this.latest = latest;
    }
}
