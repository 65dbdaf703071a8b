package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.volumes.RecursiveDelete;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs the tasks of one agent as OS processes and keeps them across agent restarts.
 *
 * <p>Launch: the task is checkpointed (STAGING) before anything else, its sandbox and cgroups are
 * made, and the {@code task-wrapper.sh} is spawned via {@code setsid} (STARTING); when the wrapper has
 * joined the cgroups and recorded its pid and start time the task is RUNNING, and that identity is
 * checkpointed. The wrapper's stdout/stderr are files, so tasks survive the agent's death.
 *
 * <p>Exit: one code path ({@link ExitWatcher}, by pid and start time) for own children and tasks
 * re-attached after a restart. The exit status comes from the file the wrapper writes in the
 * sandbox; {@link TaskOutcome} turns it, a pending kill and any memory violation into the terminal
 * state. Leftover processes of the task's process group and cgroups are killed and the cgroups removed.
 *
 * <p>Restart: {@link #start} reads the checkpoint; a non-terminal task whose wrapper is alive with the
 * same start time is re-attached (RUNNING, reason REATTACHED, no relaunch); otherwise its end is
 * reported from its exit status file, or as LOST.
 *
 * <p>{@link #close()} stops watching but never kills tasks: that is what a restarting agent needs.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskRunner.class);

    private final TaskRunnerConfig config;
    private final AgentCheckpoint checkpoint;
    private final Isolation isolation;
    private final WrapperLauncher launcher;
    private final TaskTimers timers = new TaskTimers();
    private final ExitWatcher watcher;
    private final TaskJournal journal;
    private final TaskEnd end;
    private final TaskKills kills;
    private final Map<String, ActiveTask> tasks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private TaskRunner(TaskRunnerConfig config, AgentCheckpoint checkpoint, Isolation isolation,
            TaskStatusListener listener) {
        this.config = config;
        this.checkpoint = checkpoint;
        this.isolation = isolation;
        this.launcher = WrapperLauncher.locate();
        this.watcher = new ExitWatcher(timers.executor(), config.exitPollInterval());
        this.journal = new TaskJournal(checkpoint, listener);
        this.end = new TaskEnd(journal, timers);
        this.kills = new TaskKills(journal, timers, watcher);
    }

    /**
     * Starts the runner of an agent: recovers every checkpointed task (re-attach or report its end,
     * through {@code listener}), removes cgroups of tasks nobody knows, then watches limits.
     */
    public static TaskRunner start(TaskRunnerConfig config, AgentCheckpoint checkpoint, Isolation isolation,
            TaskStatusListener listener) {
        TaskRunner runner = new TaskRunner(config, checkpoint, isolation, listener);
        LOG.infof("task runner in %s, isolation: %s", config.workDir(), isolation.describe());
        new TaskRecovery(checkpoint, isolation, runner.journal, runner.kills, runner.end, runner.watcher)
                .recover(runner.tasks);
        runner.timers.every(config.monitorInterval(), () -> runner.kills.checkLimits(runner.tasks.values()));
        SandboxGc gc = new SandboxGc(runner, config.sandboxLimits(), SandboxGc.diskOf(Sandbox.root(config.workDir())),
                Clock.systemUTC());
        runner.timers.every(config.monitorInterval(), () -> runner.keepSandboxesBounded(gc));
        return runner;
    }

    /** Rotates the logs of running tasks and removes sandboxes of ended ones, under the sandbox limits. */
    private void keepSandboxesBounded(SandboxGc gc) {
        SandboxLimits limits = config.sandboxLimits();
        for (ActiveTask task : tasks.values()) {
            if (task.ended()) {
                continue; // its logs no longer grow
            }
            for (Path log : List.of(task.sandbox.stdout(), task.sandbox.stderr())) {
                try {
                    TaskLogRotation.rotateIfOver(log, limits.taskLogMaxBytes(), limits.taskLogMaxFiles());
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("cannot rotate %s of task %s: %s", log.getFileName(), task.taskId, e.getMessage());
                }
            }
        }
        try {
            gc.collect();
        } catch (RuntimeException e) {
            LOG.warnf("sandbox collection failed, tried again in %s: %s", config.monitorInterval(), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- launch

    /**
     * Launches a task and returns once its command runs (RUNNING) or the launch failed (FAILED with
     * reason LAUNCH_FAILED). Every state passes through the checkpoint and the listener.
     *
     * @throws IllegalStateException if the task id is already known on this agent
     * @throws dev.berth.core.agent.CheckpointException if the task cannot be checkpointed;
     *         then nothing was started
     */
    public TaskStatus launch(TaskLaunch launch) {
        ensureOpen();
        Sandbox sandbox = Sandbox.of(config.workDir(), launch.taskId());
        CheckpointedTask staging = new CheckpointedTask(launch, sandbox.dir(),
                TaskJournal.status(launch.taskId(), TaskState.STAGING, TaskStatus.Reason.NONE, null, OptionalInt.empty(),
                        OptionalLong.empty()), Optional.empty(), Optional.empty());
        ActiveTask task = new ActiveTask(staging, sandbox);
        ActiveTask existing = tasks.putIfAbsent(launch.taskId(), task);
        if (existing != null) {
            throw new IllegalStateException("task id " + launch.taskId() + " is already known on this agent (state "
                    + existing.record.state() + "); a task id is used once per agent");
        }
        Process process;
        synchronized (task) {
            try {
                journal.persist(task, staging, true);
            } catch (RuntimeException e) {
                tasks.remove(launch.taskId(), task);
                throw e;
            }
            try {
                sandbox.create(launch.volumes(), launch.files());
            } catch (IOException e) {
                return failLaunch(task, "cannot create the sandbox: " + e.getMessage(), OptionalInt.empty());
            }
            try {
                task.container = isolation.prepare(launch.taskId(), launch.resources());
            } catch (IOException e) {
                return failLaunch(task, "cannot create the task's cgroups: " + e.getMessage(), OptionalInt.empty());
            }
            journal.transition(task, TaskState.STARTING, TaskStatus.Reason.NONE, null, OptionalLong.empty());
            try {
                process = launcher.start(sandbox, launch.command(), TaskEnvironment.of(launch, sandbox),
                        task.container.joinFiles());
            } catch (IOException e) {
                return failLaunch(task, "cannot start the task wrapper: " + e.getMessage(), OptionalInt.empty());
            }
        }
        // Not under the lock: a kill arriving meanwhile is recorded and applied below.
        Optional<ProcessIdentity> identity = awaitWrapper(sandbox, process);
        synchronized (task) {
            if (identity.isEmpty()) {
                if (process.isAlive()) {
                    Signals.group(process.pid(), Signals.Signal.KILL);
                    process.destroyForcibly();
                    return failLaunch(task, "the task wrapper did not start the command within "
                            + config.startTimeout().toMillis() + " ms", OptionalInt.empty());
                }
                int code = process.exitValue();
                String stderr = sandbox.stderrTail(400);
                return failLaunch(task, "the task wrapper exited with status " + code + " before starting the command"
                        + (stderr.isEmpty() ? "" : ": " + stderr), OptionalInt.of(code));
            }
            task.identity = identity.get();
            TaskStatus running = TaskJournal.status(task.taskId, TaskState.RUNNING, TaskStatus.Reason.NONE, null,
                    OptionalInt.empty(), OptionalLong.of(task.identity.pid()));
            try {
                journal.persist(task, task.record.withIdentity(task.identity, running), true);
            } catch (RuntimeException e) {
                // A task the checkpoint does not know by pid would be lost to a restarted agent: stop it.
                Signals.group(task.identity.pid(), Signals.Signal.KILL);
                throw e;
            }
            LOG.infof("task %s running as pid %s in %s", task.taskId, task.identity, sandbox);
            watcher.watch(task.taskId, task.identity, () -> end.processEnded(task));
            process.onExit().thenRun(watcher::checkSoon);
            if (task.record.kill().isPresent()) {
                kills.begin(task);
            }
            return task.record.status();
        }
    }

    /** Waits for the wrapper's pid file; empty if the wrapper failed or did not write it in time. */
    private Optional<ProcessIdentity> awaitWrapper(Sandbox sandbox, Process process) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (true) {
            Optional<ProcessIdentity> identity = sandbox.readPidFile();
            if (identity.isPresent()) {
                return identity;
            }
            // Exit 0 without a pid file: setsid forked (it does when already a group leader), keep waiting.
            if (!process.isAlive() && process.exitValue() != 0) {
                return sandbox.readPidFile();
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private TaskStatus failLaunch(ActiveTask task, String message, OptionalInt exitCode) {
        LOG.errorf("launch of task %s failed: %s", task.taskId, message);
        end.finish(task, new TaskOutcome(TaskState.FAILED, TaskStatus.Reason.LAUNCH_FAILED, message, exitCode),
                OptionalLong.empty());
        return task.record.status();
    }

    // ---------------------------------------------------------------- kill

    /** Kills a task with its launch's grace period; false if the task is unknown or already ended. */
    public boolean kill(String taskId) {
        ActiveTask task = tasks.get(taskId);
        return task != null && kill(taskId, task.launch().killGracePeriod());
    }

    /**
     * Sends SIGTERM to the task's process group and SIGKILL to the group (and to anything left in its
     * cgroups) when {@code gracePeriod} runs out. The task ends as KILLED.
     */
    public boolean kill(String taskId, Duration gracePeriod) {
        ActiveTask task = tasks.get(taskId);
        if (task == null) {
            return false;
        }
        return kills.request(task, new KillRequest(KillRequest.Cause.REQUESTED, "killed on request", gracePeriod));
    }

    // ---------------------------------------------------------------- queries

    public Optional<TaskStatus> status(String taskId) {
        ActiveTask task = tasks.get(taskId);
        if (task == null) {
            return Optional.empty();
        }
        synchronized (task) {
            return Optional.of(task.record.status());
        }
    }

    /** The latest status of every task this agent knows, terminal ones included, by task id. */
    public List<TaskStatus> statuses() {
        List<TaskStatus> out = new ArrayList<>();
        for (ActiveTask task : tasks.values()) {
            synchronized (task) {
                out.add(task.record.status());
            }
        }
        out.sort(Comparator.comparing(TaskStatus::taskId));
        return out;
    }

    /** Completes with the task's terminal status; empty if the task is unknown. */
    public Optional<CompletableFuture<TaskStatus>> terminalStatus(String taskId) {
        ActiveTask task = tasks.get(taskId);
        return task == null ? Optional.empty() : Optional.of(task.terminal.copy());
    }

    /** What the task was launched with (from the checkpoint after a restart). */
    public Optional<TaskLaunch> launchOf(String taskId) {
        ActiveTask task = tasks.get(taskId);
        return task == null ? Optional.empty() : Optional.of(task.launch());
    }

    public Optional<Sandbox> sandbox(String taskId) {
        ActiveTask task = tasks.get(taskId);
        return task == null ? Optional.empty() : Optional.of(task.sandbox);
    }

    /** Memory, CPU time and sandbox disk use of a task now; memory and CPU are 0 once it ended. */
    public Optional<TaskUsage> usage(String taskId) {
        ActiveTask task = tasks.get(taskId);
        if (task == null) {
            return Optional.empty();
        }
        ProcessIdentity identity;
        TaskContainer container;
        boolean ended;
        synchronized (task) {
            identity = task.identity;
            container = task.container;
            ended = task.ended();
        }
        long memory = 0;
        Duration cpu = Duration.ZERO;
        if (!ended && identity != null && container != null) {
            memory = container.memoryBytes(identity);
            cpu = container.cpuTime(identity);
        }
        return Optional.of(new TaskUsage(taskId, memory, cpu, task.sandbox.diskUsageBytes(), Instant.now()));
    }

    /**
     * The task's readiness check passed: kept in its checkpoint record, so a restarted agent re-attaches it as
     * ready and does not ask again, when the line the check looked for may be rotated out of its stdout.
     * False if the task is unknown or ended.
     */
    public boolean markReady(String taskId) {
        ActiveTask task = tasks.get(taskId);
        if (task == null) {
            return false;
        }
        synchronized (task) {
            if (task.ended()) {
                return false;
            }
            if (!task.record.status().ready()) {
                journal.persist(task, task.record.withStatus(task.record.status().withReady(true)), false);
            }
            return true;
        }
    }

    public Isolation isolation() {
        return isolation;
    }

    /**
     * Forgets an ended task: removes its checkpoint record and its sandbox (volumes are symlinks and
     * are not followed). False if the task is unknown or still running.
     */
    public boolean forget(String taskId) {
        ActiveTask task = tasks.get(taskId);
        if (task == null) {
            return false;
        }
        synchronized (task) {
            if (!task.ended()) {
                return false;
            }
            checkpoint.removeTask(taskId);
            tasks.remove(taskId, task);
        }
        try {
            // a sandbox is the task's own and not trusted: no link in it is followed (volumes are links)
            RecursiveDelete.delete(task.sandbox.dir());
        } catch (IOException e) {
            LOG.warnf("cannot delete sandbox %s: %s", task.sandbox.dir(), e.getMessage());
        }
        return true;
    }

    /** Stops watching tasks. Tasks keep running; a new runner on the same work directory re-attaches. */
    @Override
    public void close() {
        closed = true;
        watcher.close();
        timers.close();
    }

    // ---------------------------------------------------------------- helpers

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("task runner is closed");
        }
    }
}
