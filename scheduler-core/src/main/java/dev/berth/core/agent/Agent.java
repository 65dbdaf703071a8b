package dev.berth.core.agent;

import dev.berth.core.artifact.ArtifactCache;
import dev.berth.core.artifact.ArtifactCoordinate;
import dev.berth.core.artifact.Classpath;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentPoll;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.protocol.AgentRegistration;
import dev.berth.core.protocol.HeldVolume;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskIds;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.reservations.Resource;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * An agent: registers with the master over HTTP, takes its commands by long poll (which is also its
 * heartbeat), runs tasks through the {@link TaskRunner} and sends their status updates back. Its id
 * and every task are checkpointed, so a restarted agent comes back as itself, re-attached to the
 * tasks that kept running.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Agent.class);
    /** How often an agent whose registration the master refused asks again. */
    private static final Duration REGISTER_RETRY = Duration.ofSeconds(5);
    /** How soon an agent asks again after a deposed master answered (it stands by soon and points to the leader). */
    private static final Duration STALE_MASTER_RETRY = Duration.ofSeconds(1);

    private final AgentConfig config;
    private final JsonHttp http;
    private final AgentCheckpoint checkpoint;
    private final MasterEpochs epochs;
    private final VolumeStore volumes;
    private final StatusOutbox outbox;
    private final UsageReporter usage;
    private final CheckRunner checks;
    private volatile TaskRunner runner;
    private final Thread poller;
    private final ArtifactCache artifacts;
    private final JavaHomes javaHomes = JavaHomes.discover();
    /** Launches are prepared (artifacts resolved) off the poll thread, so a long download never stops the heartbeat. */
    private final ExecutorService preparer;
    private final AgentFileReads fileReads;
    private final Set<String> preparing = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<String> pendingChecks = ConcurrentHashMap.newKeySet();
    private volatile String agentId;
    private volatile boolean running = true;
    /** The master's latest reason to refuse this agent's registration, logged once until it changes. */
    private String lastRefusal;

    /** How tasks are contained (cgroups when the host allows). */
    private final Isolation isolation;

    private Agent(AgentConfig config) {
        this.config = config;
        this.http = new JsonHttp(config.masters(), config.token());
        this.checkpoint = AgentCheckpoint.open(config.workDir());
        this.epochs = new MasterEpochs(checkpoint, config.name());
        this.volumes = VolumeStore.forAgent(config.workDir(), config.resources());
        this.agentId = checkpoint.agent().map(CheckpointedAgent::agentId).orElse(null);
        this.outbox = new StatusOutbox(http, () -> agentId, config.name());
        this.isolation = Isolations.probe(config.name(), config.cpuLimit());
        this.checks = new CheckRunner(config.name(), new CheckRunner.Outcome() {
            @Override
            public void ready(String taskId) {
                runner.markReady(taskId);
                outbox.add(TaskStatus.of(taskId, agentId,
                        TaskState.RUNNING, "ready").withReady(true));
            }

            @Override
            public void unhealthy(String taskId, String why) {
                report(taskId, TaskState.RUNNING, TaskStatus.Reason.NONE, why + "; killing the task");
                runner.kill(taskId);
            }
        });
        this.runner = TaskRunner.start(TaskRunnerConfig.defaults(config.workDir()).withSandboxLimits(config.sandboxLimits()),
                checkpoint, isolation,
                this::onTaskStatus);
        for (String id : pendingChecks) {
            boolean ready = runner.status(id).map(TaskStatus::ready).orElse(false);
            runner.launchOf(id).ifPresent(l -> runner.sandbox(id).ifPresent(sb -> checks.watch(l, sb, ready)));
        }
        pendingChecks.clear();
        this.usage = new UsageReporter(runner, volumes, http, () -> agentId, config.name());
        this.artifacts = new ArtifactCache(config.artifactCache(), List.of(config.mavenCentral()),
                config.readOnlyMavenRepositories());
        this.preparer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prepare-" + config.name());
            t.setDaemon(true);
            return t;
        });
        this.fileReads = new AgentFileReads(http, () -> agentId, () -> runner, config.workDir(), config.name());
        this.poller = new Thread(this::run, "agent-" + config.name());
        this.poller.setDaemon(true);
    }

    public static Agent start(AgentConfig config) {
        Agent a = new Agent(config);
        a.outbox.start();
        a.usage.start(Duration.ofSeconds(5));
        a.poller.start();
        return a;
    }

    public Optional<String> agentId() {
        return Optional.ofNullable(agentId);
    }

    private void run() {
        long confirmed = 0;
        boolean registered = false;
        while (running) {
            try {
                if (!registered) {
                    register();
                    registered = true;
                    confirmed = 0;
                }
                AgentPoll.Answer answer = http.post("/v1/agent/" + agentId + "/poll",
                        new AgentPoll(confirmed, config.pollWait().toMillis()), AgentPoll.Answer.class,
                        config.pollWait().plusSeconds(10));
                if (!epochs.admit(answer.epoch(), answer.commands().size() + " command(s)", http.currentMaster())) {
                    sleep(STALE_MASTER_RETRY); // neither carried out nor confirmed
                    continue;
                }
                if (!answer.registered()) {
                    LOG.infof("master does not know agent %s (any more): registering again", agentId);
                    registered = false;
                    continue;
                }
                for (Sequenced<AgentCommand> c : answer.commands()) {
                    if (c.sequence() > confirmed) {
                        handle(c.item());
                        confirmed = c.sequence();
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!registered && e instanceof JsonHttp.ApiException refused) {
                    // the master answered and said no (its resources differ from those it registered
                    // with, say): an operator must act, so say it, once per reason, and keep trying
                    if (!refused.getMessage().equals(lastRefusal)) {
                        lastRefusal = refused.getMessage();
                        LOG.errorf("agent %s: the master refused its registration (HTTP %d): %s; trying again every %s",
                                config.name(), refused.status(), refused.getMessage(), REGISTER_RETRY);
                    }
                    sleep(REGISTER_RETRY);
                    continue;
                }
                LOG.debugf("agent %s cannot reach the master: %s", config.name(), e.getMessage());
                registered = registered && !(e instanceof JsonHttp.UnreachableException);
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private void register() {
        List<TaskStatus> tasks = new java.util.ArrayList<>(
                runner.statuses().stream().map(st -> st.withAgentId(agentId)).toList());
        preparing.forEach(id -> tasks.add(TaskStatus.of(id, agentId,
                TaskState.STARTING, "preparing")));
        AgentRegistration r = new AgentRegistration(Optional.ofNullable(agentId), config.hostname(), config.ip(),
                config.resources().toString(), config.attributes(), tasks, heldVolumes());
        AgentRegistered answer = http.post("/v1/agent/register", r, AgentRegistered.class,
                Duration.ofSeconds(30));
        if (!epochs.admit(answer.epoch(), "its registration", http.currentMaster())) {
            throw new IllegalStateException("the master at " + http.currentMaster() + " is a deposed leader");
        }
        if (!answer.agentId().equals(agentId)) {
            agentId = answer.agentId();
            checkpoint.saveAgent(new CheckpointedAgent(agentId, http.currentMaster()));
        }
        LOG.infof("agent %s registered with %s as %s (%d tasks known)", config.name(), http.currentMaster(),
                agentId, tasks.size());
    }

    private void handle(AgentCommand command) {
        if (command instanceof AgentCommand.LaunchTask l) {
            launch(l.task(), l.volumes());
        } else if (command instanceof AgentCommand.KillTask k) {
            if (preparing.contains(k.taskId())) {
                cancelled.add(k.taskId());
            } else if (!runner.kill(k.taskId(), k.gracePeriod()) && runner.status(k.taskId()).isEmpty()) {
                report(k.taskId(), TaskState.DROPPED, TaskStatus.Reason.UNKNOWN_TASK,
                        "agent " + agentId + " does not know this task");
            }
        } else if (command instanceof AgentCommand.DestroyVolume d) {
            try {
                volumes.destroy(d.volume());
            } catch (IOException e) {
                LOG.errorf("agent %s could not remove %s: %s", agentId, d.volume(), e.getMessage());
            }
        } else if (command instanceof AgentCommand.ReadFile r) {
            fileReads.answer(r);
        } else if (command instanceof AgentCommand.RemoveVolume r) {
            try {
                volumes.destroy(r.volume().source(), r.volume().role(), r.volume().id());
                LOG.infof("agent %s removed volume %s of role %s, which its ledger no longer has", agentId,
                        r.volume().id(), r.volume().role());
            } catch (IOException e) {
                LOG.errorf("agent %s could not remove %s: %s", agentId, r.volume(), e.getMessage());
            }
        }
    }

    /** The volumes on this agent's disks, for its registration. */
    private List<HeldVolume> heldVolumes() {
        try {
            return volumes.list().stream().map(v -> new HeldVolume(v.source(), v.role(), v.id())).toList();
        } catch (IOException e) {
            LOG.warnf("agent %s could not list its volumes for its registration: %s", config.name(), e.getMessage());
            return List.of();
        }
    }

    private void launch(TaskInfo task, List<Volume> taskVolumes) {
        Optional<TaskStatus> refused = refusedLaunch(task, agentId);
        if (refused.isPresent()) {
            LOG.errorf("agent %s refused to launch a task: %s", agentId, refused.get().message());
            outbox.add(refused.get());
            return;
        }
        if (runner.status(task.taskId()).isPresent() || !preparing.add(task.taskId())) {
            return; // a repeated command: the task is already here
        }
        preparer.execute(() -> {
            try {
                TaskLaunch launch = prepare(task, taskVolumes);
                if (cancelled.remove(task.taskId())) {
                    report(task.taskId(), TaskState.KILLED, TaskStatus.Reason.KILL_REQUESTED, "killed before it started");
                } else {
                    runner.launch(launch);
                }
            } catch (IOException | RuntimeException e) {
                LOG.errorf("agent %s could not launch %s: %s", agentId, task.taskId(), e.getMessage());
                report(task.taskId(), TaskState.FAILED, TaskStatus.Reason.LAUNCH_FAILED,
                        "on agent " + agentId + ": " + e.getMessage());
            } finally {
                preparing.remove(task.taskId());
            }
        });
    }

    /**
     * The launch as failed, when its task id would not be one plain path element: the id names the task's
     * sandbox, cgroups and checkpoint record, so nothing (volume, sandbox, artifacts) is made for it. The
     * master refuses such a launch already; this is the agent's own check, whoever sent the command.
     */
    static Optional<TaskStatus> refusedLaunch(TaskInfo task, String agentId) {
        return TaskIds.problem(task.taskId()).map(problem -> TaskStatus.of(task.taskId(), agentId, TaskState.FAILED,
                TaskStatus.Reason.LAUNCH_FAILED, "on agent " + agentId + ": " + problem));
    }

    /** Volumes made reachable, artifacts resolved into the shared cache, the JDK chosen. */
    private TaskLaunch prepare(TaskInfo task, List<Volume> taskVolumes) throws IOException {
        List<MountedVolume> mounts = new java.util.ArrayList<>();
        for (VolumeMount m : task.volumes()) {
            Volume v = taskVolumes.stream().filter(x -> x.id().value().equals(m.persistenceId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the launch lacks volume " + m.persistenceId()));
            mounts.add(new MountedVolume(m.persistenceId(), volumes.create(v), m.containerPath(),
                    m.readOnly() ? MountedVolume.Mode.RO : MountedVolume.Mode.RW));
        }
        String shell = task.command().shell();
        Optional<TaskUser> user = TaskUser.forTask(task.command().user(), task.taskId(), agentId);
        if (user.isPresent()) {
            user.get().requireReachable(Files.createDirectories(Sandbox.root(config.workDir())),
                    "its sandbox under");
            for (MountedVolume m : mounts) {
                user.get().ownVolume(m.hostPath());
                user.get().requireReachable(m.hostPath(), "its volume");
            }
            shell = user.get().wrap(shell, task.command().files().keySet());
        }
        Map<String, String> env = new java.util.HashMap<>(task.command().environment());
        if (!task.command().artifacts().isEmpty()) {
            report(task.taskId(), TaskState.STARTING, TaskStatus.Reason.NONE,
                    "resolving " + String.join(", ", task.command().artifacts()));
            List<ArtifactCoordinate> wanted = task.command().artifacts().stream().map(ArtifactCoordinate::parse).toList();
            Classpath cp = user.isPresent() ? artifacts.resolveShared(wanted) : artifacts.resolve(wanted);
            if (user.isPresent()) {
                for (Path jar : cp.entries()) {
                    user.get().requireReachable(jar, "its class path entry");
                }
            }
            env.put("BERTH_CLASSPATH", cp.asString());
        }
        BerthJar.path().ifPresent(jar -> env.put("BERTH_JAR", jar));
        if (!task.command().java().isEmpty()) {
            Path home = javaHomes.require(task.command().java(), agentId);
            env.put("JAVA_HOME", home.toString());
            env.put("PATH", home.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        }
        return toLaunch(task, shell, env, mounts, user.map(TaskUser::name).orElse(""));
    }

    private void report(String taskId, TaskState state, TaskStatus.Reason reason, String message) {
        outbox.add(TaskStatus.of(taskId, agentId, state, reason, message));
    }

    private TaskLaunch toLaunch(TaskInfo task, String shell, Map<String, String> env, List<MountedVolume> mounts,
                                String user) {
        List<Integer> ports = task.resources().ranges(Resource.PORTS).ranges().stream()
                .flatMap(r -> java.util.stream.LongStream.rangeClosed(r.begin(), r.end()).boxed())
                .map(Long::intValue).toList();
        TaskResources resources = new TaskResources(task.resources().scalar(Resource.CPUS).toDouble(),
                task.resources().scalar(Resource.MEM).toDouble(), ports);
        OptionalInt podIndex = Optional.ofNullable(task.labels().get("pod_index"))
                .map(i -> OptionalInt.of(Integer.parseInt(i))).orElse(OptionalInt.empty());
        return new TaskLaunch(task.taskId(), task.name(), podIndex, shell,
                env, resources, task.killGracePeriod(), mounts, config.ip(), task.command().files(),
                task.readiness(), task.health(), user);
    }

    /** Every status of a task goes to the master; a task that runs gets its checks, one that ended loses them. */
    private void onTaskStatus(TaskStatus s) {
        outbox.add(s.withAgentId(agentId));
        if (s.state() == TaskState.RUNNING) {
            TaskRunner r = runner;
            if (r != null) {
                // re-attached as ready: health checks only (readiness passes once per task)
                r.launchOf(s.taskId()).ifPresent(l -> r.sandbox(s.taskId()).ifPresent(sb -> checks.watch(l, sb, s.ready())));
            } else {
                pendingChecks.add(s.taskId()); // re-attached while the runner was still starting
            }
        } else if (s.state().isTerminal()) {
            checks.stop(s.taskId());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every task (each with its grace period) and waits for them to end, then closes. Used when
     * a whole embedded cluster shuts down; a restart relaunches the tasks through their frameworks.
     */
    public void stopTasksAndClose(Duration atMost) {
        List<java.util.concurrent.CompletableFuture<TaskStatus>> ends = new java.util.ArrayList<>();
        for (TaskStatus s : runner.statuses()) {
            if (!s.state().isTerminal()) {
                runner.kill(s.taskId());
                runner.terminalStatus(s.taskId()).ifPresent(ends::add);
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(ends.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("agent %s: not every task ended within %s", config.name(), atMost);
        }
        close();
        // the whole embedded cluster stops: its agent's cgroups go with it (only when empty; a task that
        // did not end keeps its cgroup, and the agent's next start finds it as an orphan)
        isolation.removeAgentHierarchy();
    }

    /** Stops talking to the master. Tasks keep running; a restarted agent re-attaches to them. */
    @Override
    public void close() {
        running = false;
        poller.interrupt();
        preparer.shutdownNow();
        fileReads.close();
        usage.close();
        checks.close();
        outbox.close();
        runner.close();
        artifacts.close();
        checkpoint.close();
    }
}
