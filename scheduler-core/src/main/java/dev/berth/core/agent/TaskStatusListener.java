package dev.berth.core.agent;

import dev.berth.core.protocol.TaskStatus;

/**
 * Receives every status change of every task, after it was written to the checkpoint. The agent's
 * master connection implements it to forward updates. Called on the runner's threads, in order per
 * task, while the task's state is locked: implementations must return quickly and must not wait
 * for other threads that use the runner.
 */
@FunctionalInterface
public interface TaskStatusListener {
    void onStatus(TaskStatus status);
}
