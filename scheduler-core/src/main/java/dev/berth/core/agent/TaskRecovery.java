package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A restarted agent's tasks: every checkpointed task whose wrapper is alive with the same start time is
 * re-attached (RUNNING, reason REATTACHED, no relaunch); any other is reported as it ended, from its exit
 * status file, or as LOST. Cgroups of tasks nobody knows are removed.
 */
final class TaskRecovery {
    private static final Logger LOG = Logger.getLogger(TaskRecovery.class);

    private final AgentCheckpoint checkpoint;
    private final Isolation isolation;
    private final TaskJournal journal;
    private final TaskKills kills;
    private final TaskEnd end;
    private final ExitWatcher watcher;

    TaskRecovery(AgentCheckpoint checkpoint, Isolation isolation, TaskJournal journal, TaskKills kills, TaskEnd end,
                 ExitWatcher watcher) {
        this.checkpoint = checkpoint;
        this.isolation = isolation;
        this.journal = journal;
        this.kills = kills;
        this.end = end;
        this.watcher = watcher;
    }

    /** Recovers every checkpointed task into {@code tasks}. */
    void recover(Map<String, ActiveTask> tasks) {
        List<CheckpointedTask> records = checkpoint.tasks();
        int reattached = 0;
        int ended = 0;
        for (CheckpointedTask record : records) {
            ActiveTask task = new ActiveTask(record, new Sandbox(record.sandbox()));
            tasks.put(task.taskId, task);
            if (record.state().isTerminal()) {
                task.terminal.complete(record.status());
                continue;
            }
            synchronized (task) {
                if (recoverTask(task)) {
                    reattached++;
                } else {
                    ended++;
                }
            }
        }
        Set<String> live = tasks.values().stream().filter(t -> !t.ended()).map(t -> t.taskId).collect(Collectors.toSet());
        isolation.removeOrphans(live);
        if (!records.isEmpty()) {
            LOG.infof("recovered %d checkpointed tasks: %d re-attached, %d ended while the agent was down",
                    records.size(), reattached, ended);
        }
    }

    /** Re-attaches to a task or reports how it ended; true when re-attached. Task locked. */
    private boolean recoverTask(ActiveTask task) {
        CheckpointedTask record = task.record;
        task.container = isolation.recover(task.taskId, record.launch().resources());
        // Launched but not yet checkpointed with a pid: the wrapper's own pid file tells who it is.
        Optional<ProcessIdentity> known = record.identity().or(task.sandbox::readPidFile);
        if (known.isPresent() && known.get().alive()) {
            task.identity = known.get();
            TaskStatus running = TaskJournal.status(task.taskId, TaskState.RUNNING, TaskStatus.Reason.REATTACHED,
                    "re-attached after agent restart to pid " + task.identity.pid(), OptionalInt.empty(),
                    OptionalLong.of(task.identity.pid())).withReady(record.status().ready()); // ready stays ready
            journal.persist(task, record.withIdentity(task.identity, running), true);
            LOG.infof("re-attached to task %s (pid %s)", task.taskId, task.identity);
            watcher.watch(task.taskId, task.identity, () -> end.processEnded(task));
            if (record.kill().isPresent()) {
                kills.begin(task);
            }
            return true;
        }
        // No process with that identity: the pid may be someone else's now, so no group signal; the
        // cgroups, though, only ever hold this task's processes.
        OptionalInt exit = task.sandbox.readExitStatus();
        Optional<String> violation = task.container.memoryLimitViolation(known.orElse(new ProcessIdentity(0, 0)));
        TaskOutcome outcome = TaskOutcome.decide(exit, record.kill(), violation);
        if (known.isEmpty() && outcome.state() == TaskState.LOST) {
            outcome = new TaskOutcome(TaskState.LOST, TaskStatus.Reason.PROCESS_VANISHED,
                    "the agent stopped while launching the task (state " + record.state()
                            + "), before its process had started", OptionalInt.empty());
        } else if (known.isPresent() && outcome.state() == TaskState.LOST && record.status().pid().isPresent()
                && ProcessIdentity.current(known.get().pid()).isPresent()) {
            outcome = new TaskOutcome(TaskState.LOST, TaskStatus.Reason.PROCESS_VANISHED, outcome.message()
                    + "; pid " + known.get().pid() + " now belongs to a different process (start time "
                    + ProcessIdentity.current(known.get().pid()).get().startTime() + ", recorded "
                    + known.get().startTime() + ")", OptionalInt.empty());
        }
        end.finish(task, outcome, known.map(k -> OptionalLong.of(k.pid())).orElse(OptionalLong.empty()));
        return false;
    }
}
