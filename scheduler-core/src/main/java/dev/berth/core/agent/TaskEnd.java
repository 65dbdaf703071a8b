package dev.berth.core.agent;

import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * How a task ends: its exit status (from the file the wrapper writes in the sandbox), a pending kill
 * and any memory violation decide the terminal state ({@link TaskOutcome}); the state is journaled,
 * leftover processes in the task's cgroups are killed, and the cgroups are removed (retried while they
 * still hold a process). Callers hold the task's lock.
 */
final class TaskEnd {
    private static final Logger LOG = Logger.getLogger(TaskEnd.class);
    private static final Duration DESTROY_RETRY = Duration.ofMillis(100);
    private static final int DESTROY_ATTEMPTS = 50;

    private final TaskJournal journal;
    private final TaskTimers timers;

    TaskEnd(TaskJournal journal, TaskTimers timers) {
        this.journal = journal;
        this.timers = timers;
    }

    /** The task's wrapper process is gone (noticed by the exit watcher). */
    void processEnded(ActiveTask task) {
        synchronized (task) {
            if (task.ended()) {
                return;
            }
            // The wrapper is gone; its process group id now names only what is left of the task.
            Signals.group(task.identity.pid(), Signals.Signal.KILL);
            OptionalInt exit = task.sandbox.readExitStatus();
            Optional<String> violation = task.container.memoryLimitViolation(task.identity);
            TaskOutcome outcome = TaskOutcome.decide(exit, task.record.kill(), violation);
            finish(task, outcome, OptionalLong.of(task.identity.pid()));
        }
    }

    /** Records and reports the terminal state, kills leftovers in the cgroups and removes them. Task locked. */
    void finish(ActiveTask task, TaskOutcome outcome, OptionalLong pid) {
        if (task.killTimer != null) {
            task.killTimer.cancel(false);
        }
        if (task.container != null) {
            task.container.remainingPids().forEach(p -> Signals.process(p, Signals.Signal.KILL));
        }
        TaskStatus status = TaskJournal.status(task.taskId, outcome.state(), outcome.reason(), outcome.message(),
                outcome.exitCode(), pid);
        journal.persist(task, task.record.withStatus(status), true);
        LOG.infof("task %s", status);
        task.terminal.complete(status);
        if (task.container != null) {
            releaseContainer(task, 0);
        }
    }

    private void releaseContainer(ActiveTask task, int attempt) {
        if (task.container.destroy()) {
            return;
        }
        if (attempt >= DESTROY_ATTEMPTS) {
            LOG.warnf("the cgroups of task %s still hold processes %s; left for the orphan clean-up at agent start",
                    task.taskId, task.container.remainingPids());
            return;
        }
        if (attempt % 10 == 9) {
            task.container.remainingPids().forEach(p -> Signals.process(p, Signals.Signal.KILL));
        }
        timers.after(DESTROY_RETRY, () -> releaseContainer(task, attempt + 1));
    }
}
