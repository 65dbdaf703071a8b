package dev.berth.core.agent;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
    private static final Duration DESTROY_RETRY = Duration.ofMillis(100);
    private static final int DESTROY_ATTEMPTS = 50;

    private final TaskRunnerConfig config;
    private final AgentCheckpoint checkpoint;
    private final Isolation isolation;
    private final TaskStatusListener listener;
    private final WrapperLauncher launcher;
    private final ScheduledThreadPoolExecutor executor;
    private final ExitWatcher watcher;
    private final Map<String, ActiveTask> tasks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private TaskRunner(TaskRunnerConfig config, AgentCheckpoint checkpoint, Isolation isolation,
            TaskStatusListener listener) {
        this.config = config;
        this.checkpoint = checkpoint;
        this.isolation = isolation;
        this.listener = listener;
        this.launcher = WrapperLauncher.locate();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "berth-task-runner");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watcher = new ExitWatcher(executor, config.exitPollInterval());
    }

    /**
     * Starts the runner of an agent: recovers every checkpointed task (re-attach or report its end,
     * through {@code listener}), removes cgroups of tasks nobody knows, then watches limits.
     */
    public static TaskRunner start(TaskRunnerConfig config, AgentCheckpoint checkpoint, Isolation isolation,
            TaskStatusListener listener) {
        TaskRunner runner = new TaskRunner(config, checkpoint, isolation, listener);
        LOG.infof("task runner in %s, isolation: %s", config.workDir(), isolation.describe());
        runner.recover();
        long millis = config.monitorInterval().toMillis();
        runner.executor.scheduleWithFixedDelay(runner::checkLimits, millis, millis, TimeUnit.MILLISECONDS);
        return runner;
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
                status(launch.taskId(), TaskState.STAGING, TaskStatus.Reason.NONE, null, OptionalInt.empty(),
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
                persist(task, staging, true);
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
            transition(task, TaskState.STARTING, TaskStatus.Reason.NONE, null, OptionalLong.empty());
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
            TaskStatus running = status(task.taskId, TaskState.RUNNING, TaskStatus.Reason.NONE, null,
                    OptionalInt.empty(), OptionalLong.of(task.identity.pid()));
            try {
                persist(task, task.record.withIdentity(task.identity, running), true);
            } catch (RuntimeException e) {
                // A task the checkpoint does not know by pid would be lost to a restarted agent: stop it.
                Signals.group(task.identity.pid(), Signals.Signal.KILL);
                throw e;
            }
            LOG.infof("task %s running as pid %s in %s", task.taskId, task.identity, sandbox);
            watcher.watch(task.taskId, task.identity, () -> onProcessEnded(task));
            process.onExit().thenRun(watcher::checkSoon);
            if (task.record.kill().isPresent()) {
                beginKill(task);
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
        finish(task, new TaskOutcome(TaskState.FAILED, TaskStatus.Reason.LAUNCH_FAILED, message, exitCode),
                OptionalLong.empty(), true);
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
        return requestKill(task, new KillRequest(KillRequest.Cause.REQUESTED, "killed on request", gracePeriod));
    }

    private boolean requestKill(ActiveTask task, KillRequest request) {
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
            persist(task, task.record.withKill(request), false);
            if (task.identity != null) {
                beginKill(task);
            }
            return true;
        }
    }

    /** Called with the task locked, once its wrapper identity is known. */
    private void beginKill(ActiveTask task) {
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
        task.killTimer = schedule(() -> {
            synchronized (task) {
                if (!task.ended()) {
                    LOG.infof("grace period of task %s is over; sending SIGKILL", task.taskId);
                    escalate(task);
                }
            }
        }, request.gracePeriod());
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

    /** Periodic: kills tasks over their memory limit (the agent's job when only measuring; OOM kills under cgroups). */
    private void checkLimits() {
        for (ActiveTask task : tasks.values()) {
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
                    requestKill(task, new KillRequest(KillRequest.Cause.MEMORY_LIMIT, violation.get(), Duration.ZERO));
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "checking the limits of task %s failed", task.taskId);
            }
        }
    }

    // ---------------------------------------------------------------- exit

    private void onProcessEnded(ActiveTask task) {
        synchronized (task) {
            if (task.ended()) {
                return;
            }
            // The wrapper is gone; its process group id now names only what is left of the task.
            Signals.group(task.identity.pid(), Signals.Signal.KILL);
            OptionalInt exit = task.sandbox.readExitStatus();
            Optional<String> violation = task.container.memoryLimitViolation(task.identity);
            TaskOutcome outcome = TaskOutcome.decide(exit, task.record.kill(), violation);
            finish(task, outcome, OptionalLong.of(task.identity.pid()), true);
        }
    }

    /** Records and reports the terminal state, kills leftovers in the cgroups and removes them. Task locked. */
    private void finish(ActiveTask task, TaskOutcome outcome, OptionalLong pid, boolean killLeftovers) {
        if (task.killTimer != null) {
            task.killTimer.cancel(false);
        }
        if (killLeftovers && task.container != null) {
            task.container.remainingPids().forEach(p -> Signals.process(p, Signals.Signal.KILL));
        }
        TaskStatus status = status(task.taskId, outcome.state(), outcome.reason(), outcome.message(),
                outcome.exitCode(), pid);
        persist(task, task.record.withStatus(status), true);
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
        schedule(() -> releaseContainer(task, attempt + 1), DESTROY_RETRY);
    }

    // ---------------------------------------------------------------- recovery

    private void recover() {
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
        Set<String> live = tasks.values().stream().filter(t -> !t.ended()).map(t -> t.taskId)
                .collect(Collectors.toSet());
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
            TaskStatus running = status(task.taskId, TaskState.RUNNING, TaskStatus.Reason.REATTACHED,
                    "re-attached after agent restart to pid " + task.identity.pid(), OptionalInt.empty(),
                    OptionalLong.of(task.identity.pid()));
            persist(task, record.withIdentity(task.identity, running), true);
            LOG.infof("re-attached to task %s (pid %s)", task.taskId, task.identity);
            watcher.watch(task.taskId, task.identity, () -> onProcessEnded(task));
            if (record.kill().isPresent()) {
                beginKill(task);
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
        finish(task, outcome, known.map(k -> OptionalLong.of(k.pid())).orElse(OptionalLong.empty()), true);
        return false;
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
        deleteTree(task.sandbox.dir());
        return true;
    }

    /** Stops watching tasks. Tasks keep running; a new runner on the same work directory re-attaches. */
    @Override
    public void close() {
        closed = true;
        watcher.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void transition(ActiveTask task, TaskState state, TaskStatus.Reason reason, String message,
            OptionalLong pid) {
        persist(task, task.record.withStatus(status(task.taskId, state, reason, message, OptionalInt.empty(), pid)),
                true);
    }

    /** Checkpoint first, then tell the listener (never the other way round). Task locked. */
    private void persist(ActiveTask task, CheckpointedTask record, boolean statusChanged) {
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

    private static TaskStatus status(String taskId, TaskState state, TaskStatus.Reason reason, String message,
            OptionalInt exitCode, OptionalLong pid) {
        // the runner does not know the id its agent registered under: the agent stamps it on the way out
        return new TaskStatus(taskId, null, state, reason, message,
                exitCode.isPresent() ? Optional.of(exitCode.getAsInt()) : Optional.empty(),
                pid.isPresent() ? Optional.of(pid.getAsLong()) : Optional.empty(), false, Instant.now(), null);
    }

    private java.util.concurrent.ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        try {
            return executor.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("task runner action failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("task runner is closed");
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("cannot delete sandbox %s: %s", root, e.getMessage());
        }
    }
}
