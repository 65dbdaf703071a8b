package dev.berth.core.master;

import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.framework.FrameworkConnector;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.Registry;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.state.StoredAgent;
import dev.berth.core.state.StoredTask;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Resources;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The leading master: keeps the agents and their ledgers, offers resources to frameworks, applies
 * their operations, sends launches and kills to agents and carries status updates back.
 *
 * <p>Every state change runs on one event thread, so no two changes interleave; every change that
 * matters is written to the {@link Registry} before anyone is told about it.
 */
public final class Master implements FrameworkConnector, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Master.class);

    private final MasterConfig config;
    private final Registry registry;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final Allocator allocator;
    private final Map<String, AgentRecord> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
    private final Map<String, MasterTask> tasks = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new HashMap<>();

    private Master(MasterConfig config, Registry registry, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.allocator = new Allocator(config.roleWeights());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-master");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a master from what the registry holds: agents come back as recovering until they
     * re-register (and are unreachable if they do not within the agent timeout), frameworks disconnected until they re-register, tasks with their last status.
     */
    public static Master start(MasterConfig config, Registry registry, Clock clock) {
        Master m = new Master(config, registry, clock);
        m.onLoop(() -> {
            m.recover(registry.load());
            return null;
        }).join();
        long allocMs = config.allocationInterval().toMillis();
        m.loop.scheduleWithFixedDelay(m::allocateSafely, allocMs, allocMs, TimeUnit.MILLISECONDS);
        long checkMs = Math.max(50, config.agentTimeout().toMillis() / 4);
        m.loop.scheduleWithFixedDelay(m::checkTimeouts, checkMs, checkMs, TimeUnit.MILLISECONDS);
        long retryMs = config.statusRetryInterval().toMillis();
        m.loop.scheduleWithFixedDelay(m::retryStatusUpdates, retryMs, retryMs, TimeUnit.MILLISECONDS);
        return m;
    }

    private void recover(Registry.Snapshot snapshot) {
        Instant now = clock.instant();
        snapshot.agents().forEach((id, stored) -> agents.put(id, new AgentRecord(
                stored.info(), stored.ledger(), AgentRecord.Status.RECOVERING, now)));
        snapshot.frameworks().forEach((id, info) -> {
            FrameworkRecord f = new FrameworkRecord(info);
            f.disconnectedAt = Optional.of(now);
            frameworks.put(id, f);
            allocator.addFramework(id, info.role());
        });
        snapshot.tasks().forEach((id, t) -> tasks.put(id, new MasterTask(t.frameworkId(), t.info(), t.latest())));
        LOG.infof("master recovered %d agents, %d frameworks, %d tasks from the registry",
                agents.size(), frameworks.size(), tasks.size());
    }

    // ------------------------------------------------------------------ agents

    /**
     * An agent registers, or re-registers after a restart or a master failover, with the tasks it
     * still runs. Tasks the master expected there but the agent does not report are LOST; tasks the
     * agent runs but the master does not know (or already gave up on) are killed.
     */
    public CompletableFuture<AgentRegistered> registerAgent(Optional<String> knownId, AgentInfo declared,
                                                            List<TaskStatus> running) {
        return onLoop(() -> {
            String id = knownId.filter(agents::containsKey).orElseGet(() -> knownId.orElse(newAgentId(declared)));
            AgentInfo info = new AgentInfo(id, declared.hostname(), declared.ip(), declared.resources(),
                    declared.attributes());
            AgentRecord agent = agents.get(id);
            Instant now = clock.instant();
            if (agent == null) {
                agent = new AgentRecord(info, VolumeLedger.of(AgentLedger.of(id, info.resources())),
                        AgentRecord.Status.REACHABLE, now);
                registry.commit(new RegistryChange().put(StoredAgent.of(info, agent.ledger)));
                agents.put(id, agent);
                LOG.infof("agent %s registered at %s with %s", id, info.ip(), info.resources());
            } else {
                if (!agent.info.resources().equals(info.resources())) {
                    throw new IllegalArgumentException("agent " + id + " re-registered with resources "
                            + info.resources() + " but it registered with " + agent.info.resources()
                            + "; an agent's resources cannot change while it has a ledger");
                }
                agent.info = info;
                agent.status = AgentRecord.Status.REACHABLE;
                agent.lastSeen = now;
                agent.commands.clear();
                LOG.infof("agent %s re-registered with %d running tasks", id, running.size());
                reconcileAgentTasks(agent, running);
            }
            allocator.removeAgent(id);
            allocator.addAgent(id, info.resources(), agent.ledger.ledger().free());
            return new AgentRegistered(id);
        });
    }

    private static String newAgentId(AgentInfo declared) {
        return declared.hostname().replaceAll("[^A-Za-z0-9.-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void reconcileAgentTasks(AgentRecord agent, List<TaskStatus> running) {
        Map<String, TaskStatus> reported = new HashMap<>();
        running.forEach(s -> reported.put(s.taskId(), s));
        for (MasterTask t : List.copyOf(tasks.values())) {
            if (!t.info.agentId().equals(agent.info.id()) || t.latest.state().isTerminal()) {
                continue;
            }
            TaskStatus s = reported.remove(t.info.taskId());
            if (s == null) {
                applyStatus(t, TaskStatus.of(t.info.taskId(), agent.info.id(), TaskState.LOST,
                        TaskStatus.Reason.AGENT_LOST_TASK, "agent " + agent.info.id() + " re-registered without this task"));
            } else if (s.state() != t.latest.state()) {
                applyStatus(t, s);
            }
        }
        // What is left the master does not know or already gave up on: it must not run on.
        for (TaskStatus orphan : reported.values()) {
            if (!orphan.state().isTerminal()) {
                LOG.infof("agent %s runs task %s that the master does not expect there; killing it",
                        agent.info.id(), orphan.taskId());
                agent.send(new AgentCommand.KillTask(orphan.taskId(), Duration.ofSeconds(30)));
            }
        }
    }

    /**
     * The agent's long poll, which is also its heartbeat: it confirms the commands up to
     * {@code confirmed} and waits up to {@code wait} for new ones. An unknown or timed-out agent is
     * told to register again (empty result with {@code registered=false}).
     */
    public CompletableFuture<Optional<List<Sequenced<AgentCommand>>>> pollCommands(String agentId, long confirmed,
                                                                                Duration wait) {
        return onLoop(() -> {
            AgentRecord agent = agents.get(agentId);
            if (agent == null || agent.status != AgentRecord.Status.REACHABLE) {
                return CompletableFuture.completedFuture(Optional.<List<Sequenced<AgentCommand>>>empty());
            }
            agent.lastSeen = clock.instant();
            // A poll is heard when it arrives; held as long as the agent timeout, the next one would
            // arrive just after the agent counts as silent. Held at most half of it, an agent that
            // polls again at once is never taken for gone.
            Duration held = wait.compareTo(config.agentTimeout().dividedBy(2)) > 0 ? config.agentTimeout().dividedBy(2) : wait;
            return agent.commands.poll(confirmed, held, loop).thenApply(Optional::of);
        }).thenCompose(f -> f);
    }

    /** The agent's latest measurements of its tasks and volumes, kept for the API. */
    public CompletableFuture<Void> usageFromAgent(String agentId, AgentUsage usage) {
        return onLoop(() -> {
            AgentRecord agent = agents.get(agentId);
            if (agent != null) {
                agent.usage = usage;
            }
            return null;
        });
    }

    /** A status update from an agent. Once this completes it is durable, and the agent may forget it. */
    public CompletableFuture<Void> statusFromAgent(TaskStatus status) {
        return onLoop(() -> {
            AgentRecord agent = agents.get(status.agentId());
            if (agent != null) {
                agent.lastSeen = clock.instant();
            }
            MasterTask t = tasks.get(status.taskId());
            if (t == null) {
                LOG.debugf("status for unknown task %s dropped", status.taskId());
                return null;
            }
            if (t.latest.state().isTerminal()) {
                return null;
            }
            applyStatus(t, status);
            return null;
        });
    }

    /** Records a new status durably, releases what a finished task held, and queues it for the framework. */
    private void applyStatus(MasterTask t, TaskStatus status) {
        LOG.infof("task %s on agent %s: %s %s", t.info.taskId(), t.info.agentId(), status.state(), status.message());
        t.latest = status;
        RegistryChange change = new RegistryChange().put(new StoredTask(t.frameworkId, t.info, status));
        AgentRecord agent = agents.get(t.info.agentId());
        if (status.state().isTerminal() && agent != null) {
            Resources held = agent.ledger.ledger().claimOf(Claim.task(t.info.taskId())).orElse(Resources.EMPTY);
            agent.ledger = agent.ledger.withLedger(agent.ledger.ledger().release(Claim.task(t.info.taskId())))
                    .detach(t.info.taskId());
            change.put(StoredAgent.of(agent.info, agent.ledger));
            allocator.updateFree(agent.info.id(), agent.ledger.ledger().free());
            allocator.deallocated(t.frameworkId, held);
        }
        registry.commit(change);
        t.unacknowledged.addLast(status);
        if (t.unacknowledged.size() == 1) {
            deliverHead(t);
        }
    }

    private void deliverHead(MasterTask t) {
        TaskStatus head = t.unacknowledged.peekFirst();
        FrameworkRecord f = frameworks.get(t.frameworkId);
        if (head == null || f == null) {
            return;
        }
        t.lastDelivery = clock.instant();
        f.call(s -> s.statusUpdate(head));
    }

    private void retryStatusUpdates() {
        safely(() -> {
            Instant due = clock.instant().minus(config.statusRetryInterval());
            for (MasterTask t : tasks.values()) {
                if (!t.unacknowledged.isEmpty() && !t.lastDelivery.isAfter(due)) {
                    deliverHead(t);
                }
            }
        });
    }

    private void checkTimeouts() {
        safely(() -> {
            Instant now = clock.instant();
            for (AgentRecord agent : agents.values()) {
                if (agent.status != AgentRecord.Status.UNREACHABLE
                        && agent.lastSeen.plus(config.agentTimeout()).isBefore(now)) {
                    markUnreachable(agent, now);
                }
            }
            for (FrameworkRecord f : List.copyOf(frameworks.values())) {
                if (f.disconnectedAt.isPresent() && f.disconnectedAt.get().plus(f.info.failoverTimeout()).isBefore(now)) {
                    LOG.infof("framework %s stayed away past its failover timeout; killing its tasks", f.id());
                    killAllTasksOf(f.id());
                    f.disconnectedAt = Optional.empty();
                }
            }
        });
    }

    private void markUnreachable(AgentRecord agent, Instant now) {
        String id = agent.info.id();
        LOG.warnf("agent %s silent since %s: unreachable; its tasks are LOST", id, agent.lastSeen);
        agent.status = AgentRecord.Status.UNREACHABLE;
        for (Offer o : List.copyOf(offers.values())) {
            if (o.agentId().equals(id)) {
                rescind(o);
            }
        }
        allocator.removeAgent(id);
        long silentFor = Duration.between(agent.lastSeen, now).toSeconds();
        for (MasterTask t : List.copyOf(tasks.values())) {
            if (t.info.agentId().equals(id) && !t.latest.state().isTerminal()) {
                applyStatus(t, TaskStatus.of(t.info.taskId(), id, TaskState.LOST, TaskStatus.Reason.AGENT_UNREACHABLE,
                        "agent " + id + " unreachable: silent for " + silentFor + "s (timeout "
                                + config.agentTimeout().toSeconds() + "s)"));
            }
        }
    }

    // ------------------------------------------------------------------ frameworks

    /**
     * A framework registers (no id) or re-registers (its id) and gets the driver it calls the master
     * through. Re-registering hands it back its tasks; reconcile tells it their states.
     */
    @Override
    public CompletableFuture<FrameworkDriver> register(FrameworkInfo info, Scheduler scheduler) {
        return onLoop(() -> {
            String id = info.id().orElseGet(() -> info.name() + "-" + UUID.randomUUID().toString().substring(0, 8));
            FrameworkInfo withId = info.withId(id);
            FrameworkRecord f = frameworks.get(id);
            if (f == null) {
                f = new FrameworkRecord(withId);
                frameworks.put(id, f);
            }
            f.info = withId;
            registry.commit(new RegistryChange().put(withId));
            f.connect(scheduler);
            allocator.addFramework(id, withId.role());
            allocator.revive(id);
            FrameworkDriver driver = new Driver(id);
            f.call(s -> s.registered(driver, id));
            for (MasterTask t : tasks.values()) {
                if (t.frameworkId.equals(id) && !t.unacknowledged.isEmpty()) {
                    deliverHead(t);
                }
            }
            LOG.infof("framework %s (%s) registered with role %s, principal %s", id, info.name(), info.role(), info.principal());
            return driver;
        });
    }

    /**
     * The framework went away (its process died, it stopped polling). Its offers are rescinded; its
     * tasks keep running until its failover timeout ends, then they are killed, unless it registers
     * again with its id before that.
     */
    public CompletableFuture<Void> disconnectFramework(String frameworkId) {
        return onLoop(() -> {
            FrameworkRecord f = frameworks.get(frameworkId);
            if (f == null || !f.connected()) {
                return null;
            }
            for (Offer o : List.copyOf(offers.values())) {
                if (o.frameworkId().equals(frameworkId)) {
                    rescind(o);
                }
            }
            f.disconnect();
            f.disconnectedAt = Optional.of(clock.instant());
            LOG.infof("framework %s disconnected; its tasks run on for its failover timeout of %s",
                    frameworkId, f.info.failoverTimeout());
            return null;
        });
    }

    /** The in-process driver: every call hops onto the master's event thread. */
    private final class Driver implements FrameworkDriver {
        private final String frameworkId;

        Driver(String frameworkId) {
            this.frameworkId = frameworkId;
        }

        @Override
        public String frameworkId() {
            return frameworkId;
        }

        @Override
        public CompletableFuture<Void> accept(List<String> offerIds, List<Operation> operations, Duration refuseFor) {
            return onLoop(() -> {
                doAccept(frameworkId, offerIds, operations, refuseFor);
                return null;
            });
        }

        @Override
        public void decline(String offerId, Duration refuseFor) {
            onLoop(() -> {
                Offer o = offers.remove(offerId);
                if (o != null && o.frameworkId().equals(frameworkId)) {
                    allocator.offerEnded(frameworkId, o.agentId(), o.resources());
                    allocator.decline(frameworkId, o.agentId(), clock.instant().plus(refuseFor));
                }
                return null;
            });
        }

        @Override
        public void kill(String taskId) {
            onLoop(() -> {
                killTask(frameworkId, taskId);
                return null;
            });
        }

        @Override
        public void acknowledge(String taskId, String statusUuid) {
            onLoop(() -> {
                MasterTask t = tasks.get(taskId);
                if (t != null && !t.unacknowledged.isEmpty() && t.unacknowledged.peekFirst().uuid().equals(statusUuid)) {
                    t.unacknowledged.removeFirst();
                    deliverHead(t);
                }
                return null;
            });
        }

        @Override
        public void reconcile(List<String> taskIds) {
            onLoop(() -> {
                FrameworkRecord f = frameworks.get(frameworkId);
                if (f == null) {
                    return null;
                }
                List<TaskStatus> answers = new ArrayList<>();
                if (taskIds.isEmpty()) {
                    tasks.values().stream().filter(t -> t.frameworkId.equals(frameworkId))
                            .forEach(t -> answers.add(t.latest));
                } else {
                    for (String id : taskIds) {
                        MasterTask t = tasks.get(id);
                        answers.add(t != null && t.frameworkId.equals(frameworkId) ? t.latest
                                : TaskStatus.of(id, null, TaskState.LOST, TaskStatus.Reason.UNKNOWN_TASK,
                                        "the master knows no such task"));
                    }
                }
                answers.forEach(s -> f.call(sch -> sch.statusUpdate(s)));
                return null;
            });
        }

        @Override
        public void suppress() {
            onLoop(() -> {
                allocator.suppress(frameworkId);
                for (Offer o : List.copyOf(offers.values())) {
                    if (o.frameworkId().equals(frameworkId)) {
                        rescind(o);
                    }
                }
                return null;
            });
        }

        @Override
        public void revive() {
            onLoop(() -> {
                allocator.revive(frameworkId);
                allocateNow();
                return null;
            });
        }

        @Override
        public void teardown() {
            onLoop(() -> {
                killAllTasksOf(frameworkId);
                FrameworkRecord f = frameworks.remove(frameworkId);
                if (f != null) {
                    f.disconnect();
                }
                for (Offer o : List.copyOf(offers.values())) {
                    if (o.frameworkId().equals(frameworkId)) {
                        rescind(o);
                    }
                }
                allocator.removeFramework(frameworkId);
                registry.commit(new RegistryChange().removeFramework(frameworkId));
                return null;
            });
        }
    }

    private void doAccept(String frameworkId, List<String> offerIds, List<Operation> operations, Duration refuseFor) {
        FrameworkRecord f = frameworks.get(frameworkId);
        List<Offer> used = new ArrayList<>();
        for (String id : offerIds) {
            Offer o = offers.get(id);
            if (o == null || !o.frameworkId().equals(frameworkId)) {
                throw refuseAccept(f, new AcceptRefusedException(-1, "ACCEPT",
                        "offer " + id + " is not outstanding for this framework (rescinded, used or never made)"));
            }
            used.add(o);
        }
        if (used.isEmpty() || used.stream().map(Offer::agentId).distinct().count() != 1) {
            throw refuseAccept(f, new AcceptRefusedException(-1, "ACCEPT", "an accept takes offers of exactly one agent"));
        }
        String agentId = used.get(0).agentId();
        Resources offered = used.stream().map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
        used.forEach(o -> {
            offers.remove(o.id());
            allocator.offerEnded(frameworkId, agentId, o.resources());
        });
        AgentRecord agent = agents.get(agentId);
        OperationApplier.Applied applied;
        try {
            applied = OperationApplier.apply(f.info, agentId, offered, agent.ledger, operations);
        } catch (AcceptRefusedException e) {
            throw refuseAccept(f, e);
        }
        // Durable first: the new ledger and the STAGING tasks, in one transaction, before any launch goes out.
        RegistryChange change = new RegistryChange().put(StoredAgent.of(agent.info, applied.ledger()));
        List<MasterTask> launched = new ArrayList<>();
        for (TaskInfo task : applied.launched()) {
            TaskStatus staging = TaskStatus.of(task.taskId(), agentId, TaskState.STAGING, "sent to agent " + agentId);
            change.put(new StoredTask(frameworkId, task, staging));
            launched.add(new MasterTask(frameworkId, task, staging));
        }
        registry.commit(change);
        agent.ledger = applied.ledger();
        allocator.updateFree(agentId, agent.ledger.ledger().free());
        for (MasterTask t : launched) {
            tasks.put(t.info.taskId(), t);
            allocator.allocated(frameworkId, t.info.resources());
            List<Volume> volumes = t.info.volumes().stream()
                    .map(m -> agent.ledger.volume(PersistenceId.of(m.persistenceId())).orElseThrow()).toList();
            agent.send(new AgentCommand.LaunchTask(frameworkId, t.info, volumes));
        }
        for (Volume v : applied.destroyed()) {
            agent.send(new AgentCommand.DestroyVolume(v));
        }
        if (!applied.unused().isEmpty()) {
            allocator.decline(frameworkId, agentId, clock.instant().plus(refuseFor));
        }
        LOG.infof("framework %s accepted on agent %s: %s", frameworkId, agentId,
                operations.stream().map(Operation::type).toList());
    }

    private AcceptRefusedException refuseAccept(FrameworkRecord f, AcceptRefusedException e) {
        LOG.infof("accept by %s refused: %s", f == null ? "?" : f.id(), e.getMessage());
        if (f != null) {
            f.call(s -> s.error(e.getMessage()));
        }
        return e;
    }

    private void killTask(String frameworkId, String taskId) {
        MasterTask t = tasks.get(taskId);
        if (t == null || !t.frameworkId.equals(frameworkId) || t.latest.state().isTerminal()) {
            return;
        }
        AgentRecord agent = agents.get(t.info.agentId());
        if (agent == null || agent.status != AgentRecord.Status.REACHABLE) {
            applyStatus(t, TaskStatus.of(taskId, t.info.agentId(), TaskState.LOST, TaskStatus.Reason.AGENT_UNREACHABLE,
                    "kill asked while agent " + t.info.agentId() + " is unreachable"));
            return;
        }
        agent.send(new AgentCommand.KillTask(taskId, t.info.killGracePeriod()));
    }

    private void killAllTasksOf(String frameworkId) {
        for (MasterTask t : List.copyOf(tasks.values())) {
            if (t.frameworkId.equals(frameworkId)) {
                killTask(frameworkId, t.info.taskId());
            }
        }
    }

    // ------------------------------------------------------------------ offers

    private void allocateSafely() {
        safely(this::allocateNow);
    }

    private void allocateNow() {
        for (Allocation a : allocator.allocate(clock.instant())) {
            AgentRecord agent = agents.get(a.agentId());
            FrameworkRecord f = frameworks.get(a.frameworkId());
            if (agent == null || f == null || !f.connected()) {
                allocator.offerEnded(a.frameworkId(), a.agentId(), a.resources());
                continue;
            }
            Offer offer = new Offer(UUID.randomUUID().toString(), a.frameworkId(), a.agentId(), agent.info.hostname(),
                    agent.info.ip(), agent.info.attributes(), a.resources(), agent.ledger.volumesOf(f.info.role()));
            offers.put(offer.id(), offer);
            f.call(s -> s.offers(List.of(offer)));
        }
    }

    private void rescind(Offer o) {
        offers.remove(o.id());
        allocator.offerEnded(o.frameworkId(), o.agentId(), o.resources());
        FrameworkRecord f = frameworks.get(o.frameworkId());
        if (f != null) {
            f.call(s -> s.rescinded(o.id()));
        }
    }

    // ------------------------------------------------------------------ views

    /** An agent as the API shows it. */
    public record AgentView(AgentInfo info, String status, Instant lastSeen, VolumeLedger ledger, AgentUsage usage) {
    }

    /** A task as the API shows it, with what its agent last measured of it. */
    public record TaskView(String frameworkId, TaskInfo info, TaskStatus latest, Optional<AgentUsage.TaskUsage> usage) {
    }

    public CompletableFuture<List<AgentView>> agents() {
        return onLoop(() -> agents.values().stream()
                .map(a -> new AgentView(a.info, a.status.name(), a.lastSeen, a.ledger, a.usage)).toList());
    }

    public CompletableFuture<List<TaskView>> tasks() {
        return onLoop(() -> tasks.values().stream().map(t -> new TaskView(t.frameworkId, t.info, t.latest,
                Optional.ofNullable(agents.get(t.info.agentId())).flatMap(a -> a.usage.tasks().stream()
                        .filter(u -> u.taskId().equals(t.info.taskId())).findFirst()))).toList());
    }

    public CompletableFuture<List<FrameworkInfo>> frameworks() {
        return onLoop(() -> frameworks.values().stream().map(f -> f.info).toList());
    }

    // ------------------------------------------------------------------ plumbing

    private <T> CompletableFuture<T> onLoop(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the master is stopped", e));
        }
        return result;
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("master event failed", e);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        frameworks.values().forEach(FrameworkRecord::disconnect);
    }
}
