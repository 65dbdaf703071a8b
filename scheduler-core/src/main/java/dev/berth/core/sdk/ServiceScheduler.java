package dev.berth.core.sdk;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.offer.Evaluation;
import dev.berth.core.sdk.offer.LaunchRequest;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.sdk.state.StateStore;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The framework of one service: drives its plans with offers and status updates. Deploy and update
 * steps (re)launch pod instances with the target config; a task that fails is relaunched in place,
 * with backoff, by a step of the {@code recovery} plan; an instance whose agent stays away longer
 * than the permanent-failure timeout, or that an operator replaces, moves to another agent with a
 * fresh reservation and volume, and the old ones are released when their agent offers them again.
 *
 * <p>Everything runs on one thread per service; every decision is written to the {@link StateStore}
 * before it is acted on, so a restarted scheduler goes on where it stopped.
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
    private final ServiceHooks hooks;
    private final StateStore store;
    private final Clock clock;
    private final OfferEvaluator evaluator;
    private final Settings settings;
    private final ExecutorService thread;
    private final HookVerdicts verdicts;
    private FrameworkDriver driver;

    // Written only on the service's thread; concurrent maps so the API can read them from its own.
    private volatile ServiceTarget target;
    private final Map<String, PodInstanceRecord> pods = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TaskRecord> tasks = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Plan> plans = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> killRequested = new HashSet<>();
    private final Set<String> replaceRequested = new HashSet<>();
    /** Instances whose step an operator restarted: relaunched when the step runs, not taken as done meanwhile. */
    private final Set<String> restartRequested = new HashSet<>();
    /** When a task of the service last changed state: stop verdicts asked before it are stale. */
    private Instant lastTaskChange = Instant.MIN;
    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Instant> awayingSince = new HashMap<>();
    private boolean suppressed;
    private boolean uninstalling;
    private final CompletableFuture<Void> uninstalled = new CompletableFuture<>();

    private record Failure(int count, Instant last) {
    }

    public ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings) {
        this(name, store, clock, evaluator, settings, ServiceHooks.NONE);
    }

    public ServiceScheduler(String name, StateStore store, Clock clock, OfferEvaluator evaluator, Settings settings,
                            ServiceHooks hooks) {
        this.name = name;
        this.hooks = hooks;
        this.verdicts = new HookVerdicts(name, hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(30), () -> onThread(() -> {
            refreshSteps();
            wake();
            return null;
        }));
        this.store = store;
        this.clock = clock;
        this.evaluator = evaluator;
        this.settings = settings;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "service-" + name);
            t.setDaemon(true);
            return t;
        });
        this.target = store.target().orElseThrow(() -> new IllegalStateException("service " + name + " has no config"));
        pods.putAll(store.podInstances());
        tasks.putAll(store.tasks());
        plans.putAll(store.plans());
        if (!plans.containsKey(PlanFactory.DEPLOY)) {
            Plan deploy = PlanFactory.deploy(target.spec());
            savePlan(deploy.withPhases(withActionPhases(deploy.phases(), new HashSet<>(),
                    hooks.deployActions(target.options()))));
        }
        if (!plans.containsKey(PlanFactory.RECOVERY)) {
            savePlan(PlanFactory.emptyRecovery());
        }
        for (Plan declared : PlanFactory.declared(target.spec())) {
            if (!plans.containsKey(declared.name())) {
                savePlan(declared);
            }
        }
        uninstalling = plans.containsKey(PlanFactory.UNINSTALL);
    }

    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ callbacks

    @Override
    public void registered(FrameworkDriver d, String frameworkId) {
        onThread(() -> {
            this.driver = d;
            store.storeFrameworkId(frameworkId);
            LOG.infof("service %s registered as framework %s", name, frameworkId);
            suppressed = false;
            // Learn the current state of every task this service launched (a restart may have missed updates).
            List<String> ids = tasks.values().stream().map(t -> t.info().taskId()).toList();
            if (driver != null && !ids.isEmpty()) {
                driver.reconcile(ids);
            }
            return null;
        });
    }

    @Override
    public void offers(List<Offer> offers) {
        onThread(() -> {
            handleOffers(offers);
            return null;
        });
    }

    @Override
    public void rescinded(String offerId) {
        // offers are used at once or declined; nothing is kept that could go stale
    }

    @Override
    public void statusUpdate(TaskStatus status) {
        onThread(() -> {
            lastTaskChange = clock.instant();
            handleStatus(status);
            return null;
        });
    }

    @Override
    public void error(String message) {
        LOG.warnf("service %s: the master refused a call: %s", name, message);
    }

    // ------------------------------------------------------------------ offers

    private void handleOffers(List<Offer> offers) {
        if (driver == null) {
            return;
        }
        List<Offer> pool = new ArrayList<>(offers);
        releaseOldHomes(pool);
        for (Candidate c : activeSteps()) {
            if (pool.isEmpty()) {
                break;
            }
            tryStep(c.plan(), c.step(), pool);
        }
        for (Offer o : pool) {
            driver.decline(o.id(), settings.declineFor());
        }
        if (verdicts.active()) {
            refreshSteps(); // steps waiting on the package's readiness ask it again
        }
        if (!hasWork() && !suppressed) {
            driver.suppress();
            suppressed = true;
        }
    }

    /** A step that may act now, with the plan it belongs to. */
    private record Candidate(String plan, Step step) {
    }

    /** The steps that may act now: recovery, and deploy/update/uninstall, one instance never twice. */
    private List<Candidate> activeSteps() {
        List<Candidate> out = new ArrayList<>();
        Set<String> instances = new HashSet<>();
        List<String> order = new ArrayList<>(PlanFactory.BUILT_IN);
        plans.keySet().stream().filter(n -> !PlanFactory.BUILT_IN.contains(n)).sorted().forEach(order::add);
        for (String planName : order) {
            Plan p = plans.get(planName);
            if (p == null || (uninstalling && !planName.equals(PlanFactory.UNINSTALL))) {
                continue;
            }
            boolean waitsForDeploy = !planName.equals(PlanFactory.DEPLOY) && !planName.equals(PlanFactory.RECOVERY)
                    && !planName.equals(PlanFactory.UNINSTALL) && !planName.equals(PlanFactory.DECOMMISSION);
            if (waitsForDeploy && plans.get(PlanFactory.DEPLOY) != null && !plans.get(PlanFactory.DEPLOY).isComplete()) {
                continue; // updates and the package's own plans wait for the deploy to finish
            }
            for (Step s : p.candidates()) {
                if (instances.add(s.isAction() ? "action:" + planName + ":" + s.name() : s.podInstance())) {
                    out.add(new Candidate(planName, s));
                }
            }
        }
        return out;
    }

    private boolean hasWork() {
        return !activeSteps().isEmpty() || pods.values().stream().anyMatch(p -> !p.released().isEmpty());
    }

    private void tryStep(String plan, Step step, List<Offer> pool) {
        if (plan.equals(PlanFactory.UNINSTALL) || plan.equals(PlanFactory.DECOMMISSION)) {
            releaseInstance(plan, step, pool);
            return;
        }
        if (step.isAction()) {
            runAction(plan, step);
            return;
        }
        Optional<PodSpec> pod = podOf(step.podInstance());
        if (pod.isEmpty()) {
            return;
        }
        int index = indexOf(step.podInstance());
        List<TaskSpec> specs = step.tasks().stream().map(t -> pod.get().task(t)).flatMap(Optional::stream).toList();
        // Tasks still running an older config (or asked to restart) are stopped first.
        boolean waiting = false;
        for (TaskSpec t : specs) {
            TaskRecord r = tasks.get(taskName(step.podInstance(), t.name()));
            if (r != null && !terminal(r)) {
                if (!r.configId().equals(target.id()) || replaceRequested.contains(step.podInstance())
                        || restartRequested.contains(step.podInstance())) {
                    if (!killRequested.contains(r.name()) && deferredToLast(plan, step)) {
                        return;
                    }
                    // the package may hold a stop back (a Kafka partition would fall under its min ISR)
                    Verdict stop = killRequested.contains(r.name()) ? Verdict.ready()
                            : verdicts.mayStop(step.podInstance(), this::hookContext, lastTaskChange);
                    if (stop instanceof Verdict.Wait blocked) {
                        setStep(plan, step, s -> s.withMessage("waiting to stop " + r.name() + ": " + blocked.reason()));
                    } else {
                        kill(r, "to relaunch " + r.name() + " with config " + target.id());
                        setStep(plan, step, s -> s.withMessage("stopping " + r.name() + " (config " + r.configId() + ")"));
                    }
                }
                waiting = true;
            }
        }
        if (waiting) {
            return;
        }
        // A task meant to finish that finished in this run (the step then waits for the package's word on
        // its instance) is done: launched again, a repair would run twice.
        specs = specs.stream().filter(t -> !finishedInThisRun(step, t)).toList();
        if (specs.isEmpty()) {
            return;
        }
        Failure f = failures.get(step.podInstance());
        if (f != null) {
            Instant next = f.last().plus(backoff(f.count()));
            if (clock.instant().isBefore(next)) {
                setStep(plan, step, s -> s.withMessage("relaunch after failure " + f.count() + " in "
                        + Duration.between(clock.instant(), next).toSeconds() + "s (backoff)"));
                return;
            }
        }
        PodInstanceRecord record = pods.get(step.podInstance());
        Optional<PodInstanceRecord> home = Optional.ofNullable(record).filter(PodInstanceRecord::hasHome);
        Optional<String> replacedIp = Optional.ofNullable(record).flatMap(PodInstanceRecord::replacedIp);
        if (home.isPresent() && shouldReplace(home.get())) {
            replacedIp = Optional.of(home.get().ip());
            moveAway(home.get());
            home = Optional.empty();
        }
        // a replaced instance leaves its last agent for good: it goes anywhere else
        Optional<String> avoid = home.isPresent() ? Optional.empty() : replacedIp;
        LaunchRequest req = new LaunchRequest(target, pod.get(), index, specs, home, othersThan(step.podInstance()),
                dev.berth.core.pkg.Options.nested(target.options()), Endpoints.of(target.spec(), pods, tasks).addresses(),
                replacedIp, avoid);
        Evaluation e = evaluator.evaluate(req, pool);
        if (e instanceof Evaluation.NoFit nf) {
            setStep(plan, step, s -> s.withMessage(nf.why()));
            return;
        }
        Evaluation.Accept a = (Evaluation.Accept) e;
        pool.remove(a.offer());
        accept(plan, step, a);
    }

    /** True when {@code task} of the step's instance is meant to finish and finished with the target config, not to be rerun. */
    private boolean finishedInThisRun(Step step, TaskSpec task) {
        if (task.goal() == GoalState.RUNNING || restartRequested.contains(step.podInstance())
                || replaceRequested.contains(step.podInstance())) {
            return false;
        }
        TaskRecord r = tasks.get(taskName(step.podInstance(), task.name()));
        return r != null && r.configId().equals(target.id())
                && r.latest().map(st -> st.state() == TaskState.FINISHED).orElse(false);
    }

    /**
     * Asks the package whether the step's instance should roll after the rest of its serial phase (the
     * active controller goes last); if so, moves the step behind the others and answers true, as it does
     * while the package is still being asked. A step already last, or in a parallel phase, rolls now.
     */
    private boolean deferredToLast(String planName, Step step) {
        Plan p = plans.get(planName);
        Optional<Phase> phase = p == null ? Optional.empty() : p.phases().stream()
                .filter(ph -> ph.step(step.name()).isPresent()).findFirst();
        if (phase.isEmpty() || phase.get().strategy() == dev.berth.core.spec.Strategy.PARALLEL
                || !phase.get().hasUnfinishedAfter(step.name())) {
            return false;
        }
        Optional<Verdict> inTurn = verdicts.rollsInTurn(step.podInstance(), this::hookContext);
        if (inTurn.isEmpty()) {
            setStep(planName, step, s -> s.withMessage("asking the package whether " + step.podInstance() + " rolls last"));
            return true;
        }
        if (!(inTurn.get() instanceof Verdict.Wait last)) {
            return false;
        }
        String why = "rolls last: " + last.reason();
        LOG.infof("service %s: %s %s", name, step.podInstance(), why);
        savePlan(p.mapPhases(ph -> ph.name().equals(phase.get().name())
                ? ph.withStepLast(step.name()).mapSteps(s -> s.name().equals(step.name()) ? s.withMessage(why) : s) : ph));
        return true;
    }

    /** Asks the package to perform (or go on with) an action step; COMPLETE when it says it is done. */
    private void runAction(String plan, Step step) {
        Optional<Verdict> answer = verdicts.action(plan, step.name(), this::hookContext);
        if (answer.isEmpty()) {
            setStep(plan, step, s -> s.with(Status.STARTED, "the package is running " + step.name(), clock.instant()));
        } else if (answer.get().isReady()) {
            verdicts.forgetAction(plan, step.name());
            LOG.infof("service %s: %s done", name, step.name());
            setStep(plan, step, s -> s.with(Status.COMPLETE, "done", clock.instant()));
        } else {
            String waits = answer.get().reasonToWait().orElseThrow();
            setStep(plan, step, s -> s.with(Status.STARTED, waits, clock.instant()));
        }
    }

    private void accept(String plan, Step step, Evaluation.Accept a) {
        Optional<PodInstanceRecord> before = Optional.ofNullable(pods.get(step.podInstance()));
        // Durable first: where the instance lives and what is being launched, then the accept. Old
        // homes still to release stay on the record.
        savePod(before.map(b -> withReleased(a.instance(), b.released())).orElse(a.instance()));
        List<TaskRecord> launched = new ArrayList<>();
        for (TaskInfo t : a.launched()) {
            TaskRecord r = new TaskRecord(t.name(), step.podInstance(), target.id(), t,
                    Optional.of(TaskStatus.of(t.taskId(), t.agentId(), TaskState.STAGING, "accepted")));
            saveTask(r);
            launched.add(r);
            killRequested.remove(t.name());
        }
        replaceRequested.remove(step.podInstance());
        restartRequested.remove(step.podInstance());
        verdicts.forget(step.podInstance()); // the package's verdicts on the old task say nothing of the new one
        setStep(plan, step, s -> s.with(Status.PREPARED, "launching on " + a.offer().hostname() + " ("
                + a.operations().stream().map(Operation::type).toList() + ")", clock.instant()));
        LOG.infof("service %s: %s on %s: %s", name, step.podInstance(), a.offer().hostname(),
                a.operations().stream().map(Operation::type).toList());
        driver.accept(List.of(a.offer().id()), a.operations(), settings.declineFor()).whenComplete((ok, err) -> {
            if (err != null) {
                onThread(() -> {
                    LOG.warnf("service %s: accept for %s refused: %s", name, step.podInstance(), err.getMessage());
                    before.ifPresentOrElse(this::savePod, () -> {
                        pods.remove(step.podInstance());
                        store.removePodInstance(step.podInstance());
                    });
                    for (TaskRecord r : launched) {
                        tasks.remove(r.name());
                        store.removeTask(r.name());
                    }
                    setStep(plan, step, s -> s.with(Status.PENDING, "accept refused: " + err.getMessage(), clock.instant()));
                    return null;
                });
            }
        });
    }

    // ------------------------------------------------------------------ status updates

    private void handleStatus(TaskStatus status) {
        TaskRecord r = tasks.values().stream().filter(t -> t.info().taskId().equals(status.taskId())).findFirst().orElse(null);
        if (driver != null) {
            driver.acknowledge(status.taskId(), status.uuid());
        }
        if (r == null) {
            return; // a task of an earlier launch of the same name, or not ours
        }
        boolean readyBefore = r.latest().map(TaskStatus::ready).orElse(false) && r.latest().get().state() == TaskState.RUNNING;
        TaskStatus effective = status.state() == TaskState.RUNNING && readyBefore && !status.ready()
                ? status.withReady(true) : status; // once ready, a later RUNNING does not take it back
        TaskRecord updated = r.withStatus(effective);
        saveTask(updated);
        if (status.state().isTerminal()) {
            onTerminal(updated, status);
        } else {
            awayingSince.remove(updated.podInstance());
        }
        refreshSteps();
        // A task that ended freed resources a waiting step may want (a rolled broker relaunching on its
        // own reservation): have them offered now rather than after the filter of an earlier decline.
        if (hasWork() && driver != null && (suppressed || status.state().isTerminal())) {
            driver.revive();
            suppressed = false;
        }
    }

    private void onTerminal(TaskRecord r, TaskStatus status) {
        boolean asked = killRequested.remove(r.name());
        Optional<TaskSpec> spec = podOf(r.podInstance()).flatMap(p -> p.task(taskOf(r)));
        GoalState goal = spec.map(TaskSpec::goal).orElse(GoalState.RUNNING);
        boolean failed = !asked && (goal == GoalState.RUNNING || status.state() != TaskState.FINISHED);
        if (!failed || uninstalling) {
            return;
        }
        if (status.launchFailed()) {
            // the same launch would fail the same way: the step stops in ERROR until an operator acts
            // (fixes the package or the agent, then restarts the step)
            for (Plan p : List.copyOf(plans.values())) {
                Plan next = p.mapSteps(st -> st.podInstance().equals(r.podInstance()) && !st.isComplete()
                        ? st.with(Status.ERROR, r.name() + " could not start: " + status.message(), clock.instant()) : st);
                if (!next.equals(p)) {
                    savePlan(next);
                }
            }
            LOG.warnf("service %s: %s could not start: %s", name, r.name(), status.message());
            return;
        }
        Failure prev = failures.get(r.podInstance());
        failures.put(r.podInstance(), new Failure(prev == null ? 1 : prev.count() + 1, clock.instant()));
        if (status.state() == TaskState.LOST) {
            awayingSince.putIfAbsent(r.podInstance(), clock.instant());
        }
        LOG.infof("service %s: %s %s (%s); recovering", name, r.name(), status.state(), status.message());
        if (!inPlanStep(r.podInstance())) {
            addRecoveryStep(r.podInstance(), status.state() + ": " + status.message());
        }
    }

    private boolean inPlanStep(String instance) {
        for (String planName : List.of(PlanFactory.DEPLOY, PlanFactory.UPDATE)) {
            Plan p = plans.get(planName);
            if (p != null && p.phases().stream().flatMap(ph -> ph.steps().stream())
                    .anyMatch(s -> s.podInstance().equals(instance) && !s.isComplete())) {
                return true;
            }
        }
        return false;
    }

    private void addRecoveryStep(String instance, String why) {
        Plan recovery = plans.getOrDefault(PlanFactory.RECOVERY, PlanFactory.emptyRecovery());
        List<String> taskNames = podOf(instance).map(p -> p.tasks().stream().filter(t -> t.goal() == GoalState.RUNNING)
                .map(TaskSpec::name).toList()).orElse(List.of());
        Phase phase = recovery.phases().get(0);
        List<Step> steps = new ArrayList<>(phase.steps().stream().filter(s -> !s.podInstance().equals(instance)).toList());
        steps.add(Step.pending(instance, taskNames).with(Status.PENDING, "relaunching after " + why, clock.instant()));
        savePlan(new Plan(PlanFactory.RECOVERY, recovery.strategy(), List.of(new Phase(phase.name(), phase.strategy(),
                steps, false)), recovery.interrupted()));
    }

    /** Recomputes every step's status from what its tasks are doing. */
    private void refreshSteps() {
        for (Plan p : List.copyOf(plans.values())) {
            if (p.name().equals(PlanFactory.UNINSTALL) || p.name().equals(PlanFactory.DECOMMISSION)) {
                continue; // their steps move with releases, not with task states
            }
            Plan next = p.mapSteps(this::progress);
            if (!next.equals(p)) {
                savePlan(next);
            }
        }
        if (uninstalling && plans.get(PlanFactory.UNINSTALL).isComplete()) {
            finishUninstall();
        }
    }

    private Step progress(Step s) {
        if (s.isComplete() || s.status() == Status.ERROR || uninstalling || s.isAction()) {
            return s; // an ERROR waits for an operator's restart
        }
        if (s.status() == Status.PENDING && (restartRequested.contains(s.podInstance())
                || replaceRequested.contains(s.podInstance()))) {
            return s; // its tasks still run from before the restart or replace: they say nothing about this run
        }
        List<TaskRecord> rs = s.tasks().stream().map(t -> tasks.get(taskName(s.podInstance(), t))).toList();
        if (rs.stream().anyMatch(r -> r == null || !r.configId().equals(target.id()))) {
            return s;
        }
        Optional<PodSpec> pod = podOf(s.podInstance());
        boolean allDone = true;
        Status least = Status.COMPLETE;
        for (TaskRecord r : rs) {
            TaskStatus st = r.latest().orElse(null);
            GoalState goal = pod.flatMap(p -> p.task(taskOf(r))).map(TaskSpec::goal).orElse(GoalState.RUNNING);
            Status here;
            if (st == null) {
                here = Status.PREPARED;
            } else if (goal != GoalState.RUNNING && st.state() == TaskState.FINISHED) {
                here = Status.COMPLETE;
            } else if (st.state() == TaskState.RUNNING) {
                // a task meant to finish (a repair) is done when it has finished, not when it runs
                here = goal == GoalState.RUNNING && st.ready() ? Status.COMPLETE : Status.STARTED;
            } else if (st.state().isTerminal()) {
                here = Status.PENDING;
            } else {
                here = st.state() == TaskState.STAGING ? Status.PREPARED : Status.STARTING;
            }
            allDone &= here == Status.COMPLETE;
            if (here.ordinal() < least.ordinal()) {
                least = here;
            }
        }
        if (allDone) {
            if (verdicts.ready(s.podInstance(), this::hookContext) instanceof Verdict.Wait notReady) {
                String why = "running and ready, waiting for the package: " + notReady.reason();
                return s.status() == Status.STARTED && why.equals(s.message()) ? s : s.with(Status.STARTED, why, clock.instant());
            }
            failures.remove(s.podInstance());
            awayingSince.remove(s.podInstance());
            return s.with(Status.COMPLETE, "", clock.instant());
        }
        // a step that stays PENDING keeps what it last learned (an offer's shortfall says more)
        String why = least == Status.STARTED ? "running, waiting for the readiness check"
                : least == Status.PENDING && s.status() != Status.PENDING ? "a task ended; relaunching" : s.message();
        return least == s.status() && why.equals(s.message()) ? s : s.with(least, why, clock.instant());
    }

    // ------------------------------------------------------------------ replace and release

    private boolean shouldReplace(PodInstanceRecord home) {
        if (replaceRequested.contains(home.name())) {
            return true;
        }
        Instant since = awayingSince.get(home.name());
        return since != null && clock.instant().isAfter(since.plus(settings.permanentFailure()));
    }

    /** The instance leaves its agent: what it had there is to be released when the agent offers it again. */
    private void moveAway(PodInstanceRecord home) {
        List<PodInstanceRecord.Released> released = new ArrayList<>(home.released());
        released.add(new PodInstanceRecord.Released(home.agentId(), home.allReserved(), home.volumes()));
        savePod(new PodInstanceRecord(home.name(), home.podType(), home.index(), "", "", "", Map.of(), Map.of(),
                List.of(), Optional.of(home.ip()), released));
        awayingSince.remove(home.name());
        LOG.infof("service %s: replacing %s, away from agent %s", name, home.name(), home.agentId());
    }

    /** DESTROY and UNRESERVE what replaced instances left behind, as their agents offer it. */
    private void releaseOldHomes(List<Offer> pool) {
        for (PodInstanceRecord p : List.copyOf(pods.values())) {
            for (PodInstanceRecord.Released r : p.released()) {
                Optional<Offer> o = pool.stream().filter(x -> x.agentId().equals(r.agentId())).findFirst();
                // volumes' disk is held by the volumes; the offer carries the volumes themselves
                Resources volumeDisk = r.volumes().stream().map(Volume::resources).reduce(Resources.EMPTY, Resources::plus);
                if (o.isEmpty() || !o.get().resources().contains(r.reserved().minus(volumeDisk))) {
                    continue;
                }
                List<Operation> ops = new ArrayList<>();
                List<Volume> vols = r.volumes().stream().filter(v -> o.get().volumes().stream()
                        .anyMatch(x -> x.id().equals(v.id()))).toList();
                if (!vols.isEmpty()) {
                    ops.add(new Operation.Destroy(vols));
                }
                ops.add(new Operation.Unreserve(r.reserved()));
                pool.remove(o.get());
                driver.accept(List.of(o.get().id()), ops, settings.declineFor()).whenComplete((ok, err) -> onThread(() -> {
                    if (err == null) {
                        PodInstanceRecord now = pods.get(p.name());
                        if (now != null) {
                            List<PodInstanceRecord.Released> left = new ArrayList<>(now.released());
                            left.remove(r);
                            savePod(withReleased(now, left));
                            if (uninstalling && !now.hasHome() && left.isEmpty()) {
                                markReleased(PlanFactory.UNINSTALL, now.name());
                            }
                        }
                        LOG.infof("service %s: released the old home of %s on agent %s", name, p.name(), r.agentId());
                        refreshSteps();
                    }
                    return null;
                }));
            }
        }
    }

    private static PodInstanceRecord withReleased(PodInstanceRecord p, List<PodInstanceRecord.Released> released) {
        return new PodInstanceRecord(p.name(), p.podType(), p.index(), p.agentId(), p.hostname(), p.ip(), p.attributes(),
                p.taskResources(), p.volumes(), p.replacedIp(), released);
    }

    // ------------------------------------------------------------------ uninstall

    /** Kills every task, then destroys every volume and unreserves every reservation, then forgets the service. */
    public CompletableFuture<Void> uninstall() {
        onThread(() -> {
            if (!uninstalling) {
                uninstalling = true;
                List<Step> steps = new ArrayList<>();
                for (PodInstanceRecord p : pods.values()) {
                    steps.add(Step.pending(p.name(), List.of()));
                }
                savePlan(new Plan(PlanFactory.UNINSTALL, dev.berth.core.spec.Strategy.PARALLEL,
                        List.of(new Phase("release", dev.berth.core.spec.Strategy.PARALLEL, steps, false)), false));
            }
            for (TaskRecord r : tasks.values()) {
                if (!terminal(r)) {
                    kill(r, "uninstall");
                }
            }
            if (driver != null) {
                driver.revive();
                suppressed = false;
            }
            refreshSteps();
            return null;
        });
        return uninstalled;
    }

    /**
     * Takes a pod instance out (uninstall, decommission): stops its tasks, then destroys its volumes
     * and unreserves its resources with the offer of its agent, then marks the step COMPLETE.
     */
    private void releaseInstance(String plan, Step step, List<Offer> pool) {
        PodInstanceRecord p = pods.get(step.podInstance());
        boolean running = tasks.values().stream().anyMatch(t -> t.podInstance().equals(step.podInstance()) && !terminal(t));
        if (plan.equals(PlanFactory.DECOMMISSION) && running) {
            // the database first hands the instance's data to the others (Cassandra's decommission)
            if (verdicts.decommission(step.podInstance(), this::hookContext) instanceof Verdict.Wait leaving) {
                setStep(plan, step, s -> s.with(Status.STARTED, "decommissioning " + step.podInstance() + ": "
                        + leaving.reason(), clock.instant()));
                return;
            }
        }
        tasks.values().stream().filter(t -> t.podInstance().equals(step.podInstance()) && !terminal(t))
                .forEach(t -> kill(t, "to take " + step.podInstance() + " out (" + plan + ")"));
        boolean oldHomes = p != null && !p.released().isEmpty();
        if (oldHomes) {
            setStep(plan, step, s -> s.withMessage("waiting for the old homes of " + p.name() + " to be released"));
        }
        boolean tasksRunning = tasks.values().stream().anyMatch(t -> t.podInstance().equals(step.podInstance()) && !terminal(t));
        if (p == null || !p.hasHome()) {
            if (!oldHomes) {
                markReleased(plan, step.podInstance());
            }
            return;
        }
        if (tasksRunning) {
            setStep(plan, step, s -> s.withMessage("waiting for the tasks of " + p.name() + " to stop"));
            return;
        }
        Optional<Offer> o = pool.stream().filter(x -> x.agentId().equals(p.agentId())).findFirst();
        if (o.isEmpty()) {
            setStep(plan, step, s -> s.withMessage("waiting for an offer from " + p.hostname() + " to release " + p.name()));
            return;
        }
        List<Operation> ops = new ArrayList<>();
        if (!p.volumes().isEmpty()) {
            ops.add(new Operation.Destroy(p.volumes()));
        }
        Resources reserved = p.allReserved();
        if (!o.get().resources().contains(p.taskResources().values().stream().reduce(Resources.EMPTY, Resources::plus))) {
            setStep(plan, step, s -> s.withMessage("waiting for the reservations of " + p.name() + " to be offered"));
            return;
        }
        ops.add(new Operation.Unreserve(reserved));
        pool.remove(o.get());
        setStep(plan, step, s -> s.with(Status.PREPARED, "destroying volumes and unreserving", clock.instant()));
        driver.accept(List.of(o.get().id()), ops, settings.declineFor()).whenComplete((ok, err) -> onThread(() -> {
            if (err == null) {
                PodInstanceRecord now = pods.get(step.podInstance());
                savePod(new PodInstanceRecord(now.name(), now.podType(), now.index(), "", "", "", Map.of(), Map.of(),
                        List.of(), Optional.empty(), now.released()));
                if (now.released().isEmpty()) {
                    markReleased(plan, step.podInstance());
                }
            } else {
                setStep(plan, step, s -> s.with(Status.PENDING, "release refused: " + err.getMessage(), clock.instant()));
            }
            return null;
        }));
    }

    private void markReleased(String planName, String instance) {
        Plan u = plans.get(planName);
        savePlan(u.mapSteps(s -> s.podInstance().equals(instance) ? s.with(Status.COMPLETE, "released", clock.instant()) : s));
        if (planName.equals(PlanFactory.DECOMMISSION)) {
            // the instance is gone for good: forget it and its tasks
            pods.remove(instance);
            store.removePodInstance(instance);
            for (TaskRecord t : List.copyOf(tasks.values())) {
                if (t.podInstance().equals(instance)) {
                    tasks.remove(t.name());
                    store.removeTask(t.name());
                }
            }
            LOG.infof("service %s: %s decommissioned", name, instance);
        }
        refreshSteps();
    }

    private void finishUninstall() {
        if (uninstalled.isDone()) {
            return;
        }
        LOG.infof("service %s: everything released; removing its state", name);
        store.clear();
        if (driver != null) {
            driver.teardown();
        }
        uninstalled.complete(null);
        thread.shutdown();
    }

    // ------------------------------------------------------------------ operator actions

    /** Runs an operator action on the service's thread; the returned future completes with its result. */
    public <T> CompletableFuture<T> act(Callable<T> action) {
        return onThread(action);
    }

    public Map<String, Plan> plans() {
        return Map.copyOf(plans);
    }

    public ServiceTarget target() {
        return target;
    }

    /** Every configuration the service had, oldest first; the last is the target. */
    public List<ServiceTarget> history() {
        return store.configs();
    }

    public Map<String, PodInstanceRecord> pods() {
        return Map.copyOf(pods);
    }

    public Map<String, TaskRecord> tasks() {
        return Map.copyOf(tasks);
    }

    /**
     * Replaces a plan after an operator's action (stop, continue, force-complete, restart). A step set
     * back to PENDING runs again: when its turn comes, its instance's tasks are stopped and relaunched
     * in place.
     */
    public void applyPlanAction(Plan changed) {
        Plan before = plans.get(changed.name());
        if (before != null) {
            // steps set back to PENDING (restart) run again: their instances are relaunched when their turn comes
            for (Phase ph : changed.phases()) {
                for (Step s : ph.steps()) {
                    boolean wasPending = before.phase(ph.name()).flatMap(b -> b.step(s.name()))
                            .map(b -> b.status() == Status.PENDING).orElse(true);
                    if (s.status() == Status.PENDING && !wasPending) {
                        restartRequested.add(s.podInstance());
                    }
                }
            }
        }
        savePlan(changed);
        refreshSteps();
        wake();
    }

    /**
     * A new target config: its update plan rolls the changed pods (the caller validated the change);
     * instances above a lowered count are decommissioned first, highest index first.
     */
    public void updateTarget(ServiceTarget next) {
        ServiceTarget previous = target;
        ServiceSpec before = previous.spec();
        store.storeConfig(next);
        this.target = next;
        Plan decommission = PlanFactory.decommission(before, next.spec());
        if (!decommission.phases().isEmpty()) {
            savePlan(decommission);
        }
        savePlan(withActions(PlanFactory.update(before, next.spec(), PodChanges.changed(previous, next, evaluator.templates())),
                hooks.updateActions(previous.options(), next.options())));
        for (Plan declared : PlanFactory.declared(next.spec())) {
            plans.putIfAbsent(declared.name(), declared);
            store.storePlan(plans.get(declared.name()));
        }
        wake();
    }

    /**
     * The update plan with a phase per package action at its end: the new update's actions, and those
     * of the update plan it replaces that never finished (a held-back finalize is not lost to a later
     * config change).
     */
    private Plan withActions(Plan update, List<PackageAction> actions) {
        List<Phase> phases = new ArrayList<>(update.phases());
        Set<String> added = new HashSet<>();
        Plan replaced = plans.get(PlanFactory.UPDATE);
        if (replaced != null) {
            for (Phase ph : replaced.phases()) {
                for (Step st : ph.steps()) {
                    if (st.isAction() && !st.isComplete() && added.add(st.name())) {
                        verdicts.forgetAction(PlanFactory.UPDATE, st.name());
                        phases.add(new Phase(ph.name(), dev.berth.core.spec.Strategy.SERIAL,
                                List.of(Step.action(st.name(), st.message(), st.interrupted())), false));
                    }
                }
            }
        }
        return update.withPhases(withActionPhases(phases, added, actions));
    }

    /** {@code phases} and a phase of one action step per action not {@code added} yet, in order. */
    private static List<Phase> withActionPhases(List<Phase> phases, Set<String> added, List<PackageAction> actions) {
        List<Phase> out = new ArrayList<>(phases);
        for (PackageAction a : actions) {
            if (added.add(a.name())) {
                out.add(new Phase(a.name(), dev.berth.core.spec.Strategy.SERIAL,
                        List.of(Step.action(a.name(), a.description(), a.heldBack())), false));
            }
        }
        return out;
    }

    /** Restarts a pod instance in place: its tasks are killed and relaunched on the same reservation. */
    public void restartPod(String instance) {
        killInstance(instance, "restart asked by an operator");
        addRecoveryStep(instance, "a restart asked by an operator");
        wake();
    }

    /** Replaces a pod instance: it moves to another agent with a fresh reservation and volume. */
    public void replacePod(String instance) {
        replaceRequested.add(instance);
        killInstance(instance, "replace asked by an operator");
        addRecoveryStep(instance, "a replace asked by an operator");
        wake();
    }

    private void killInstance(String instance, String why) {
        tasks.values().stream().filter(t -> t.podInstance().equals(instance) && !terminal(t)).forEach(t -> kill(t, why));
    }

    private void wake() {
        if (driver != null) {
            driver.revive();
            suppressed = false;
        }
    }

    // ------------------------------------------------------------------ helpers

    private void kill(TaskRecord r, String why) {
        if (killRequested.add(r.name())) {
            LOG.infof("service %s: killing %s %s", name, r.name(), why);
            if (driver != null) {
                driver.kill(r.info().taskId());
            }
        }
    }

    private HookContext hookContext() {
        return new HookContext(target, pods, tasks, Endpoints.of(target.spec(), pods, tasks), store.secrets());
    }

    private Map<String, PodInstanceRecord> othersThan(String instance) {
        Map<String, PodInstanceRecord> out = new LinkedHashMap<>();
        pods.forEach((k, v) -> {
            if (!k.equals(instance) && v.hasHome()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Optional<PodSpec> podOf(String instance) {
        return target.spec().pods().stream().filter(p -> instance.startsWith(p.type() + "-")
                && instance.substring(p.type().length() + 1).matches("\\d+")).findFirst();
    }

    private static int indexOf(String instance) {
        return Integer.parseInt(instance.substring(instance.lastIndexOf('-') + 1));
    }

    private static String taskName(String instance, String task) {
        return instance + "-" + task;
    }

    private static String taskOf(TaskRecord r) {
        return r.info().labels().getOrDefault("task", r.name().substring(r.podInstance().length() + 1));
    }

    private static boolean terminal(TaskRecord r) {
        return r.latest().map(s -> s.state().isTerminal()).orElse(false);
    }

    private Duration backoff(int failuresSoFar) {
        long ms = settings.backoffBase().toMillis() << Math.min(failuresSoFar - 1, 16);
        return Duration.ofMillis(Math.min(ms, settings.backoffMax().toMillis()));
    }

    private void setStep(String planName, Step step, UnaryOperator<Step> change) {
        Plan p = plans.get(planName);
        if (p == null) {
            return;
        }
        Plan next = p.mapSteps(s -> s.name().equals(step.name()) && s.podInstance().equals(step.podInstance()) ? change.apply(s) : s);
        if (!next.equals(p)) {
            savePlan(next);
        }
    }

    private void savePlan(Plan p) {
        store.storePlan(p);
        plans.put(p.name(), p);
    }

    private void savePod(PodInstanceRecord p) {
        store.storePodInstance(p);
        pods.put(p.name(), p);
    }

    private void saveTask(TaskRecord r) {
        store.storeTask(r);
        tasks.put(r.name(), r);
    }

    private <T> CompletableFuture<T> onThread(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable e) {
                    LOG.errorf(e, "service %s: event failed", name);
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("service " + name + " is stopped"));
        }
        return f;
    }

    public void close() {
        thread.shutdownNow();
        verdicts.close();
    }
}
