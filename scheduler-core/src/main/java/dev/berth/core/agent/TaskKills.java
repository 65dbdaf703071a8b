package dev.berth.core.agent;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Stopping tasks: a kill is checkpointed first (a restarted agent carries it out), then SIGTERM goes to
 * the task's process group and SIGKILL to the group and to whatever is left in its cgroups when the
 * grace period runs out. A task over its memory limit is killed at once, even when a gentler kill is
 * pending (the agent's job where it only measures memory; cgroups OOM-kill on their own).
 */
final class TaskKills {
    private static final Logger LOG = Logger.getLogger(TaskKills.class);

    private final TaskJournal journal;
    private final TaskTimers timers;
    private final ExitWatcher watcher;

    TaskKills(TaskJournal journal, TaskTimers timers, ExitWatcher watcher) {
        this.journal = journal;
        this.timers = timers;
        this.watcher = watcher;
    }

    /** Asks for the task's end; false when it ended already. */
    boolean request(ActiveTask task, KillRequest request) {
        synchronized (task) {
            if (task.ended()) {
                return false;
            }
            Optional<KillRequest> pending = task.record.kill();
            boolean upgrade = request.cause() == KillRequest.Cause.MEMORY_LIMIT
                    && pending.map(k -> k.cause() != KillRequest.Cause.MEMORY_LIMIT).orElse(true);
            if (pending.isPresent() && !upgrade) {
                if (request.gracePeriod().isZero()) {
                    escalate(task);
                }
                return true;
            }
            journal.persist(task, task.record.withKill(request), false);
            if (task.identity != null) {
                begin(task);
            }
            return true;
        }
    }

    /** Carries out the task's pending kill, once its wrapper identity is known. Task locked. */
    void begin(ActiveTask task) {
        KillRequest request = task.record.kill().orElseThrow();
        if (task.killTimer != null) {
            task.killTimer.cancel(false);
        }
        LOG.infof("killing task %s (pid %s, grace %s): %s", task.taskId, task.identity, request.gracePeriod(),
                request.message());
        if (request.gracePeriod().isZero()) {
            escalate(task);
            return;
        }
        if (task.identity.alive()) {
            Signals.group(task.identity.pid(), Signals.Signal.TERM);
        }
        task.killTimer = timers.after(request.gracePeriod(), () -> {
            synchronized (task) {
                if (!task.ended()) {
                    LOG.infof("grace period of task %s is over; sending SIGKILL", task.taskId);
                    escalate(task);
                }
            }
        });
        watcher.checkSoon();
    }

    /** SIGKILL to the process group and to every pid left in the task's cgroups. Task locked. */
    private void escalate(ActiveTask task) {
        if (task.identity != null && task.identity.alive()) {
            Signals.group(task.identity.pid(), Signals.Signal.KILL);
        }
        if (task.container != null) {
            task.container.remainingPids().forEach(pid -> Signals.process(pid, Signals.Signal.KILL));
        }
        watcher.checkSoon();
    }

    /** Kills the tasks over their memory limit. */
    void checkLimits(Collection<ActiveTask> tasks) {
        for (ActiveTask task : tasks) {
            ProcessIdentity identity;
            TaskContainer container;
            synchronized (task) {
                if (task.ended() || task.identity == null || task.container == null || task.record.kill()
                        .map(k -> k.cause() == KillRequest.Cause.MEMORY_LIMIT).orElse(false)) {
                    continue;
                }
                identity = task.identity;
                container = task.container;
            }
            try {
                Optional<String> violation = container.memoryLimitViolation(identity);
                if (violation.isPresent()) {
                    LOG.warnf("task %s: %s; killing it", task.taskId, violation.get());
                    request(task, new KillRequest(KillRequest.Cause.MEMORY_LIMIT, violation.get(), Duration.ZERO));
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "checking the limits of task %s failed", task.taskId);
            }
        }
    }
}
