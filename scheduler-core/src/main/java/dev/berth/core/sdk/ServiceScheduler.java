package dev.berth.core.sdk;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.PlanKind;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.PodInstanceId;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.sdk.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The framework of one service: drives its plans with offers and status updates. Deploy and update
 * steps (re)launch pod instances with the target config ({@link StepLauncher}); a task that fails is
 * relaunched in place, with backoff, by a step of the {@code recovery} plan ({@link RecoveryPolicy}); an
 * instance whose agent stays away longer than the permanent-failure timeout, or that an operator
 * replaces, moves to another agent with a fresh reservation and volume, and the old ones are released
 * when their agent offers them again ({@link InstanceRelease}).
 *
 * <p>Everything runs on the service's {@link ServiceLoop}: the master's callbacks, and the operators'
 * {@link ServiceCommand}s, which are submitted to it and never run on the caller's thread. Every decision
 * is written to the {@link StateStore} before it is acted on ({@link ServiceState}), so a restarted
 * scheduler goes on where it stopped; readers on other threads see a {@link ServiceSnapshot}.
 */
public final class ServiceScheduler implements Scheduler {
    private static final Logger LOG = Logger.getLogger(ServiceScheduler.class);

    /** Tunables: refuse time for unused offers, relaunch backoff, permanent-failure timeout. */
    public record Settings(Duration declineFor, Duration backoffBase, Duration backoffMax, Duration permanentFailure) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10));
        }

        /** These settings with another permanent-failure timeout (after which a lost instance is replaced). */
        public Settings withPermanentFailure(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("permanent-failure timeout: '" + d.toSeconds()
                        + "' is not valid; expected 1 or more seconds");
            }
            return new Settings(declineFor, backoffBase, backoffMax, d);
        }
    }

    private final String name;
    private final Clock clock;
    private final Settings settings;
    private final StateStore store;
    private final ServiceLoop loop;
    private final ServiceMeters meters;
    private final ServiceState state;
    private final MasterLink master;
    private final HookVerdicts verdicts;
    private final RecoveryPolicy recovery;
    private final RelaunchRequests relaunches;
    private final OperatorPlans plans;
    private final StepLauncher launcher;
    private final OfferEvaluator evaluator;
    private final InstanceRelease release;
    private final TaskLosses losses;
    private final CompletableFuture<Void> uninstalled = new CompletableFuture<>();

    /** A scheduler on a thread of its own. */
    public ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings,
                            ServiceHooks hooks) {
        this(name, store, clock, evaluator, settings, hooks, ServiceObservers.none());
    }

    /** A scheduler on a thread of its own that tells its observers what it changed and how long things take. */
    public ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings,
                            ServiceHooks hooks, ServiceObservers observers) {
        this(name, store, clock, evaluator, settings, hooks, ServiceLoop.ownThread(name), observers);
    }

    /** A scheduler whose loop runs on {@code loop} (tests run it step by step). */
    ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings,
                     ServiceHooks hooks, ServiceLoop loop) {
        this(name, store, clock, evaluator, settings, hooks, loop, ServiceObservers.none());
    }

    ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings,
                     ServiceHooks hooks, ServiceLoop loop, ServiceObservers observers) {
        this.name = name;
        this.clock = clock;
        this.settings = settings;
        this.store = store;
        this.loop = loop;
        this.meters = new ServiceMeters(observers.meters(), name,
                store.target().map(ServiceTarget::packageName).orElse(""), this::latestSnapshot, clock);
        // events go out after each durable write; step events also time the steps
        this.state = new ServiceState(name, store, e -> {
            observers.events().publish(e);
            meters.stepEvent(e);
        });
        this.master = new MasterLink(name);
        this.verdicts = new HookVerdicts(name, hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(30), meters::hookCall,
                () -> loop.execute(() -> {
                    refreshSteps();
                    master.revive();
                }));
        IntentBook intents = new IntentBook(store);
        this.recovery = new RecoveryPolicy(settings, clock, intents);
        RelaunchRequests relaunches = new RelaunchRequests(intents);
        this.plans = new OperatorPlans(state, hooks, verdicts, relaunches, evaluator, clock);
        this.launcher = new StepLauncher(state, master, relaunches, recovery, verdicts, evaluator, loop, clock,
                settings.declineFor());
        this.evaluator = evaluator;
        this.release = new InstanceRelease(state, master, verdicts, loop, clock, settings.declineFor(), this::refreshSteps);
        this.relaunches = relaunches;
        this.losses = new TaskLosses(name, state, master, recovery, plans, relaunches, clock);
        plans.firstPlans();
        state.publish();
        loop.afterEach(state::publish);
    }

    public String name() {
        return name;
    }

    ServiceHooks hooks() {
        return verdicts.hooks();
    }

    /** The snapshot for the meters, which exist before the state is read (none then). */
    private ServiceSnapshot latestSnapshot() {
        return state == null ? null : state.snapshot();
    }

    /** The service as of the end of the scheduler's latest piece of work: for readers on any thread. */
    public ServiceSnapshot snapshot() {
        return state.snapshot();
    }

    /** Every configuration the service had, oldest first; the last is the target. */
    public List<ServiceTarget> history() {
        return store.configs();
    }

    /** Runs an operator's command on the service's loop; the future completes with its answer, or why it was refused. */
    public <R> CompletableFuture<R> submit(ServiceCommand<R> command) {
        return loop.submit(() -> handle(command));
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    public void registered(FrameworkDriver driver, String frameworkId) {
        loop.execute(() -> {
            master.registered(driver);
            state.storeFrameworkId(frameworkId);
            LOG.infof("service %s registered as framework %s", name, frameworkId);
            // Learn the current state of every task this service launched (a restart may have missed updates).
            // Not of those it knows ended: the master forgets ended tasks after its retention, and would
            // answer LOST for them, which is no news and must not count as a second failure.
            master.reconcile(state.tasks().stream().filter(t -> !t.ended()).map(t -> t.info().taskId()).toList());
        });
    }

    @Override
    public void offers(List<Offer> offers) {
        loop.execute(() -> handleOffers(offers));
    }

    @Override
    public void rescinded(String offerId) {
        // offers are used at once or declined; nothing is kept that could go stale
    }

    @Override
    public void statusUpdate(TaskStatus status) {
        loop.execute(() -> handleStatus(status));
    }

    @Override
    public void error(String message) {
        LOG.warnf("service %s: the master refused a call: %s", name, message);
    }

    // ------------------------------------------------------------------ offers

    /** Where this service's state is kept. */
    StateStore store() {
        return store;
    }

    private void handleOffers(List<Offer> offers) {
        evaluator.saw(offers);
        List<Offer> pool = new ArrayList<>(offers);
        // steps try offers by agent name (the evaluator keeps this order unless a spread rule reorders)
        pool.sort(java.util.Comparator.comparing(Offer::hostname));
        // offers come after the registration that brought the driver; were one early, it is left to the
        // master's offer timeout, since it cannot be declined without a driver
        if (master.connected()) {
            release.releaseOldHomes(pool);
            for (StepSelection.Candidate c : StepSelection.active(state.plans())) {
                if (pool.isEmpty()) {
                    break;
                }
                tryStep(c, pool);
            }
        }
        for (Offer o : pool) {
            master.decline(o.id(), settings.declineFor());
        }
        if (verdicts.active()) {
            refreshSteps(); // steps waiting on the package's readiness ask it again
        }
        if (!hasWork()) {
            master.suppress();
        }
    }

    private void tryStep(StepSelection.Candidate c, List<Offer> pool) {
        if (c.kind().releasesInstances()) {
            release.release(c.plan(), c.step(), pool);
        } else if (c.step().isAction()) {
            runAction(c.plan(), c.step());
        } else {
            launcher.launch(c.plan(), c.step(), pool);
        }
    }

    /** Asks the package to perform (or go on with) an action step; COMPLETE when it says it is done. */
    private void runAction(String plan, Step step) {
        Map<String, String> parameters = state.plan(plan).map(Plan::parameters).orElse(Map.of());
        Optional<Verdict> answer = verdicts.action(plan, step.name(), () -> state.hookContext().withParameters(parameters));
        if (answer.isEmpty()) {
            state.updateStep(plan, step, s -> s.with(Status.STARTED, "the package is running " + step.name(), clock.instant()));
        } else if (answer.get() instanceof Verdict.Wait waits) {
            state.updateStep(plan, step, s -> s.with(Status.STARTED, waits.reason(), clock.instant()));
        } else {
            verdicts.forgetAction(plan, step.name());
            LOG.infof("service %s: %s done", name, step.name());
            state.updateStep(plan, step, s -> s.with(Status.COMPLETE, "done", clock.instant()));
        }
    }

    private boolean hasWork() {
        return !StepSelection.active(state.plans()).isEmpty() || state.pods().stream().anyMatch(p -> !p.released().isEmpty());
    }

    // ------------------------------------------------------------------ status updates

    private void handleStatus(TaskStatus status) {
        verdicts.taskChanged();
        master.acknowledge(status.taskId(), status.uuid());
        Optional<TaskRecord> known = state.taskById(status.taskId());
        if (known.isEmpty()) {
            return; // a task of an earlier launch of the same name, or not ours
        }
        TaskRecord r = known.get();
        // ready before it was cut off counts too: a node back from a partition runs on, ready as it was
        boolean readyBefore = r.latest().map(s -> s.ready()
                && (s.state() == TaskState.RUNNING || s.state() == TaskState.UNREACHABLE)).orElse(false);
        TaskStatus effective = status.state() == TaskState.RUNNING && readyBefore && !status.ready()
                ? status.withReady(true) : status; // once ready, a later RUNNING does not take it back
        TaskRecord updated = r.withStatus(effective);
        state.saveTask(updated);
        if (status.state().isTerminal()) {
            losses.ended(updated, status, uninstalling());
        } else if (status.state() == TaskState.UNREACHABLE) {
            losses.cutOff(updated, status, uninstalling());
        } else {
            recovery.heardFrom(updated.podInstance());
        }
        refreshSteps();
        // A task that ended freed resources a waiting step may want (a rolled broker relaunching on its
        // own reservation): have them offered now rather than after the filter of an earlier decline.
        if (hasWork() && (master.suppressed() || status.state().isTerminal())) {
            master.revive();
        }
    }

    /** Recomputes every launching step's status from what its tasks are doing. */
    private void refreshSteps() {
        for (Plan p : List.copyOf(state.plans().values())) {
            if (PlanKind.of(p.name()).releasesInstances()) {
                continue; // their steps move with releases, not with task states
            }
            Plan next = p.mapSteps(this::progress);
            if (!next.equals(p)) {
                state.savePlan(next);
            }
        }
        if (state.plan(PlanFactory.UNINSTALL).map(Plan::isComplete).orElse(false)) {
            finishUninstall();
        }
    }

    private Step progress(Step s) {
        if (s.isComplete() || s.status() == Status.ERROR || uninstalling() || s.isAction()) {
            return s; // an ERROR waits for an operator's restart
        }
        String instance = s.podInstance();
        List<Optional<TaskRecord>> records = s.tasks().stream()
                .map(t -> state.task(PodInstanceId.of(instance).taskName(t))).toList();
        StepProgress.Outcome outcome = StepProgress.of(s, records, state::goal, state.target().id(),
                relaunches.rerunAsked(instance), clock.instant());
        if (outcome instanceof StepProgress.Outcome.Now now) {
            return now.step();
        }
        if (verdicts.ready(instance, state::hookContext) instanceof Verdict.Wait notReady) {
            String why = "running and ready, waiting for the package: " + notReady.reason();
            return s.status() == Status.STARTED && why.equals(s.message()) ? s : s.with(Status.STARTED, why, clock.instant());
        }
        recovery.recovered(instance);
        return s.with(Status.COMPLETE, "", clock.instant());
    }

    // ------------------------------------------------------------------ operator commands

    @SuppressWarnings("unchecked")
    private <R> R handle(ServiceCommand<R> command) {
        if (command instanceof ServiceCommand.UpdateTarget u) {
            plans.updateTarget(u.next());
            master.revive();
            return null;
        }
        if (command instanceof ServiceCommand.ChangePlan c) {
            Plan changed = plans.act(name, c);
            refreshSteps();
            master.revive();
            return (R) changed;
        }
        // A restart or replace stops the instance's running tasks in its recovery step, when the package
        // lets it stop (as a roll does), not at once: replacing one Cassandra node while another is down
        // would leave rows on a single replica, and the replaced node's volume goes with it.
        if (command instanceof ServiceCommand.RestartPod r) {
            // until it runs again, the instance's old task (still running, being stopped) says nothing of
            // the restart: without this its recovery step could be judged done by it and never relaunch
            relaunches.restart(r.instance());
            plans.recoveryStep(r.instance(), "a restart asked by an operator");
            master.revive();
            return null;
        }
        if (command instanceof ServiceCommand.ReplacePod r) {
            relaunches.replace(r.instance());
            plans.recoveryStep(r.instance(), "a replace asked by an operator");
            master.revive();
            return null;
        }
        if (command instanceof ServiceCommand.Uninstall) {
            plans.uninstall();
            state.tasks().stream().filter(t -> !t.ended()).toList().forEach(t -> master.kill(t, "uninstall"));
            master.revive();
            refreshSteps();
            return (R) uninstalled;
        }
        throw new IllegalArgumentException("command: '" + command + "' is not one a service takes");
    }

    private boolean uninstalling() {
        return state.plan(PlanFactory.UNINSTALL).isPresent();
    }

    private void finishUninstall() {
        if (uninstalled.isDone()) {
            return;
        }
        LOG.infof("service %s: everything released; removing its state", name);
        state.clear();
        master.teardown();
        uninstalled.complete(null);
        loop.close();
        verdicts.close(); // the package's hooks go with the service (a Kafka client and its thread)
    }

    /** Stops the loop and the package's hooks; the service's state stays (a new leader resumes it). */
    public void close() {
        loop.close();
        verdicts.close();
        meters.close();
    }
}
