package dev.berth.core.sdk;

import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.master.OperationApplier;
import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.sdk.state.InMemoryStateStore;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.testing.ManualClock;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.VolumeLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A fast, process-free harness for a service scheduler, in the spirit of dcos-commons'
 * ServiceTestRunner: simulated agents with real ledgers, offers made from what they have free, and
 * status updates fed tick by tick. Accepts are applied with the master's own {@link OperationApplier},
 * so a test sees exactly what a real master would accept or refuse. Time is a manual clock.
 */
public final class ServiceSimulation implements AutoCloseable {
    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T00:00:00Z"));
    public final InMemoryStateStore store;
    public final RecordingDriver driver = new RecordingDriver();
    /** The scheduler's loop, run by the test itself ({@link #drain}): nothing waits on a clock or a thread. */
    private final StepExecutor steps = new StepExecutor();
    public final Map<String, SimAgent> agents = new LinkedHashMap<>();
    public ServiceScheduler scheduler;
    /** The package's Java hooks the scheduler uses; set before {@link #start()}. */
    public ServiceHooks hooks = ServiceHooks.NONE;
    private final FrameworkInfo framework;

    public ServiceSimulation(ServiceSpec spec, Map<String, Object> options) {
        this(new InMemoryStateStore(), spec, options);
    }

    public ServiceSimulation(InMemoryStateStore store, ServiceSpec spec, Map<String, Object> options) {
        this(store, spec, options, ServiceHooks.NONE);
    }

    /** A simulation whose scheduler has the package's hooks from its first start (the deploy plan asks them). */
    public ServiceSimulation(InMemoryStateStore store, ServiceSpec spec, Map<String, Object> options, ServiceHooks hooks) {
        this.store = store;
        this.hooks = hooks;
        if (store.target().isEmpty()) {
            store.storeConfig(new ServiceTarget("config-1", "test", "1", options, options, spec, clock.instant()));
        }
        this.framework = new FrameworkInfo(Optional.of("fw-" + spec.name()), spec.name(), Role.of(spec.role()),
                Principal.of(spec.principal()), Duration.ofDays(1));
        start();
    }

    /** (Re)starts the scheduler from the state store, as a restarted framework would. */
    public void start() {
        if (scheduler != null) {
            scheduler.close();
        }
        ServiceSpec spec = store.target().orElseThrow().spec();
        scheduler = new ServiceScheduler(spec.name(), store, clock,
                new OfferEvaluator(Role.of(spec.role()), Principal.of(spec.principal()), new PackageTemplates(hooks)),
                ServiceScheduler.Settings.defaults(), hooks, new ServiceLoop(spec.name(), steps));
        driver.suppressed = false; // a master revives a framework when it (re)registers
        scheduler.registered(driver, framework.id().orElseThrow());
        drain();
    }

    public SimAgent agent(String hostname, String ip, String resources, Map<String, String> attributes) {
        SimAgent a = new SimAgent(hostname + "-id", hostname, ip, attributes,
                VolumeLedger.of(AgentLedger.of(hostname + "-id", Resources.parse(resources))));
        agents.put(a.id, a);
        return a;
    }

    /**
     * One offer per reachable agent with what it has free for this role; the scheduler answers. Like
     * a master's allocator, nothing is offered while the framework is suppressed.
     */
    public void offerAll() {
        if (driver.suppressed) {
            return;
        }
        List<Offer> offers = new ArrayList<>();
        for (SimAgent a : agents.values()) {
            if (!a.reachable) {
                continue;
            }
            Resources free = a.ledger.ledger().free().filter(r -> r.reservation()
                    .map(x -> x.role().equals(framework.role())).orElse(true));
            if (free.isEmpty()) {
                continue;
            }
            Offer o = new Offer(UUID.randomUUID().toString(), framework.id().orElseThrow(), a.id, a.hostname, a.ip,
                    a.attributes, free, a.ledger.volumesOf(framework.role()));
            a.outstanding.put(o.id(), o);
            offers.add(o);
        }
        scheduler.offers(offers);
        drain();
    }

    /** Sends a status for the latest launch of {@code taskName} (e.g. {@code hello-0-server}). */
    public void status(String taskName, TaskState state, boolean ready) {
        send(taskName, state, TaskStatus.Reason.NONE, state.name().toLowerCase(), ready);
    }

    /** Sends a status with a message for the latest launch of {@code taskName}. */
    public void status(String taskName, TaskState state, String message) {
        send(taskName, state, TaskStatus.Reason.NONE, message, false);
    }

    /** Sends a status with its reason and a message for the latest launch of {@code taskName}. */
    public void status(String taskName, TaskState state, TaskStatus.Reason reason, String message) {
        send(taskName, state, reason, message, false);
    }

    private void send(String taskName, TaskState state, TaskStatus.Reason reason, String message, boolean ready) {
        TaskInfo info = driver.latestLaunch(taskName);
        SimAgent a = agents.get(info.agentId());
        if (state.isTerminal() && a != null) {
            a.ledger = a.ledger.withLedger(a.ledger.ledger().release(Claim.task(info.taskId()))).detach(info.taskId());
        }
        scheduler.statusUpdate(new TaskStatus(info.taskId(), info.agentId(), state, reason, message, Optional.empty(),
                Optional.empty(), ready, clock.instant(), null));
        drain();
    }

    /** Every launched task that has no status yet becomes RUNNING and ready. */
    public void allLaunchedRunReady() {
        for (TaskInfo t : driver.launchesWithoutStatus()) {
            driver.statused.add(t.taskId());
            status(t.name(), TaskState.RUNNING, true);
        }
    }

    /** Every task the scheduler asked to kill and not yet told about is KILLED, as an agent would report. */
    public void allKilledStop() {
        for (String taskId : List.copyOf(driver.kills)) {
            if (!driver.statused.contains("killed:" + taskId)) {
                driver.statused.add("killed:" + taskId);
                status(taskId.substring(0, taskId.indexOf("__")), TaskState.KILLED, false);
            }
        }
    }

    /** Submits an operator's command, as the API does, and runs the loop until it has been handled. */
    public <R> R submit(ServiceCommand<R> command) {
        java.util.concurrent.CompletableFuture<R> answer = scheduler.submit(command);
        drain();
        return answer.join();
    }

    public Plan plan(String name) {
        return scheduler.snapshot().plans().get(name);
    }

    /** Runs the scheduler's loop until it has nothing left to do: every callback and answer sent so far, handled. */
    public void drain() {
        steps.runAll();
    }

    @Override
    public void close() {
        scheduler.close();
    }

    /** An agent of the simulation: a real ledger, reachable or not. */
    public final class SimAgent {
        public final String id;
        public final String hostname;
        public final String ip;
        public final Map<String, String> attributes;
        public VolumeLedger ledger;
        public boolean reachable = true;
        final Map<String, Offer> outstanding = new LinkedHashMap<>();

        SimAgent(String id, String hostname, String ip, Map<String, String> attributes, VolumeLedger ledger) {
            this.id = id;
            this.hostname = hostname;
            this.ip = ip;
            this.attributes = Map.copyOf(attributes);
            this.ledger = ledger;
        }
    }

    /** Records what the scheduler asks of the master and applies accepts to the simulated agents. */
    public final class RecordingDriver implements FrameworkDriver {
        public final List<List<Operation>> accepts = new ArrayList<>();
        public final List<String> kills = new ArrayList<>();
        public final List<String> declines = new ArrayList<>();
        public final List<String> refusals = new ArrayList<>();
        /** The task ids of each reconcile asked, in order. */
        public final List<List<String>> reconciles = new ArrayList<>();
        public int suppressCount;
        public int reviveCount;
        /** Whether the framework is suppressed now: the allocator makes it no offers until it revives. */
        public boolean suppressed;
        public boolean tornDown;
        final List<String> statused = new ArrayList<>();

        @Override
        public String frameworkId() {
            return framework.id().orElseThrow();
        }

        @Override
        public CompletableFuture<Void> accept(List<String> offerIds, List<Operation> operations, Duration refuseFor) {
            SimAgent agent = agents.values().stream().filter(a -> a.outstanding.containsKey(offerIds.get(0))).findFirst().orElseThrow();
            Resources offered = offerIds.stream().map(agent.outstanding::remove).map(Offer::resources)
                    .reduce(Resources.EMPTY, Resources::plus);
            try {
                OperationApplier.Applied applied = OperationApplier.apply(framework, agent.id, offered, agent.ledger, operations);
                agent.ledger = applied.ledger();
                accepts.add(operations);
                return CompletableFuture.completedFuture(null);
            } catch (AcceptRefusedException e) {
                refusals.add(e.getMessage());
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void decline(String offerId, Duration refuseFor) {
            declines.add(offerId);
            agents.values().forEach(a -> a.outstanding.remove(offerId));
        }

        @Override
        public void kill(String taskId) {
            kills.add(taskId);
        }

        @Override
        public void acknowledge(String taskId, String statusUuid) {
        }

        @Override
        public void reconcile(List<String> taskIds) {
            reconciles.add(List.copyOf(taskIds));
        }

        @Override
        public void suppress() {
            suppressCount++;
            suppressed = true;
        }

        @Override
        public void revive() {
            reviveCount++;
            suppressed = false;
        }

        @Override
        public void teardown() {
            tornDown = true;
        }

        public List<TaskInfo> launches() {
            List<TaskInfo> out = new ArrayList<>();
            accepts.forEach(ops -> ops.stream().filter(o -> o instanceof Operation.Launch)
                    .forEach(o -> out.addAll(((Operation.Launch) o).tasks())));
            return out;
        }

        public TaskInfo latestLaunch(String taskName) {
            List<TaskInfo> all = launches().stream().filter(t -> t.name().equals(taskName)).toList();
            if (all.isEmpty()) {
                throw new AssertionError("no launch of " + taskName + " yet; launched: "
                        + launches().stream().map(TaskInfo::name).toList());
            }
            return all.get(all.size() - 1);
        }

        List<TaskInfo> launchesWithoutStatus() {
            return launches().stream().filter(t -> !statused.contains(t.taskId())).toList();
        }

        public List<String> lastAcceptTypes() {
            return accepts.get(accepts.size() - 1).stream().map(Operation::type).toList();
        }
    }

    /** An executor the test runs by hand: work queues up (from any thread) until {@link #runAll}. */
    static final class StepExecutor implements java.util.concurrent.Executor {
        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable work) {
            queue.add(work);
        }

        void runAll() {
            for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
                next.run();
            }
        }
    }
}
