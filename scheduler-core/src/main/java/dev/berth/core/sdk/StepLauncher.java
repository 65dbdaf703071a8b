package dev.berth.core.sdk;

import dev.berth.core.pkg.Options;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
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
import dev.berth.core.sdk.hooks.PodInstanceId;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.offer.Evaluation;
import dev.berth.core.sdk.offer.LaunchRequest;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Launches a pod instance for its step. Tasks still running an older config (or asked to restart or
 * replace) are stopped first, in their turn and when the package lets them stop; a failed instance
 * waits out its backoff; a replaced or given-up instance leaves its agent; then offer evaluation picks
 * an offer, and the step accepts it with RESERVE, CREATE and LAUNCH. Where the instance lives and what
 * was launched are written to the state store before the accept goes out, and rolled back if the master
 * refuses it. Confined to the service loop.
 */
final class StepLauncher {
    private static final Logger LOG = Logger.getLogger(StepLauncher.class);

    private final ServiceState state;
    private final MasterLink master;
    private final RelaunchRequests relaunches;
    private final RecoveryPolicy recovery;
    private final HookVerdicts verdicts;
    private final OfferEvaluator evaluator;
    private final ServiceLoop loop;
    private final Clock clock;
    private final Duration declineFor;

    StepLauncher(ServiceState state, MasterLink master, RelaunchRequests relaunches, RecoveryPolicy recovery,
                 HookVerdicts verdicts, OfferEvaluator evaluator, ServiceLoop loop, Clock clock, Duration declineFor) {
        this.state = state;
        this.master = master;
        this.relaunches = relaunches;
        this.recovery = recovery;
        this.verdicts = verdicts;
        this.evaluator = evaluator;
        this.loop = loop;
        this.clock = clock;
        this.declineFor = declineFor;
    }

    /** Moves the step on with the offers in {@code pool}; an offer it accepts leaves the pool. */
    void launch(String plan, Step step, List<Offer> pool) {
        String instance = step.podInstance();
        Optional<PodSpec> pod = state.podSpec(instance);
        if (pod.isEmpty()) {
            return;
        }
        List<TaskSpec> specs = step.tasks().stream().map(t -> pod.get().task(t)).flatMap(Optional::stream).toList();
        if (stoppingOldTasks(plan, step, specs)) {
            return;
        }
        // A task meant to finish that finished in this run (the step then waits for the package's word on
        // its instance) is done: launched again, a repair would run twice.
        specs = specs.stream().filter(t -> !finishedInThisRun(instance, t)).toList();
        if (specs.isEmpty()) {
            return;
        }
        Optional<String> backoff = recovery.backoff(instance);
        if (backoff.isPresent()) {
            state.updateStep(plan, step, s -> s.withMessage(backoff.get()));
            return;
        }
        Optional<PodInstanceRecord> record = state.pod(instance);
        Optional<PodInstanceRecord> home = record.filter(PodInstanceRecord::hasHome);
        Optional<String> replacedIp = record.flatMap(PodInstanceRecord::replacedIp);
        if (home.isPresent() && (relaunches.replaceAsked(instance) || recovery.givenUp(instance))) {
            replacedIp = Optional.of(home.get().ip());
            moveAway(home.get());
            home = Optional.empty();
        }
        // a replaced instance leaves its last agent for good: it goes anywhere else
        Optional<String> avoid = home.isPresent() ? Optional.empty() : replacedIp;
        ServiceTarget target = state.target();
        LaunchRequest req = new LaunchRequest(target, pod.get(), PodInstanceId.of(instance).index(), specs, home,
                state.placed().without(instance), Options.nested(target.options()), state.placed().endpoints(),
                replacedIp, avoid, state.plan(plan).map(Plan::parameters).orElse(Map.of()));
        Evaluation e = evaluator.evaluate(req, pool);
        if (e instanceof Evaluation.NoFit nf) {
            state.updateStep(plan, step, s -> s.withMessage(nf.why()));
            return;
        }
        Evaluation.Accept a = (Evaluation.Accept) e;
        pool.remove(a.offer());
        accept(plan, step, a);
    }

    /**
     * Stops the step's tasks that still run from before (another config, or a restart or replace asked);
     * true while any of its tasks still runs, so the launch waits.
     */
    private boolean stoppingOldTasks(String plan, Step step, List<TaskSpec> specs) {
        String instance = step.podInstance();
        boolean running = false;
        for (TaskSpec t : specs) {
            Optional<TaskRecord> found = state.task(PodInstanceId.of(instance).taskName(t.name())).filter(r -> !r.ended());
            if (found.isEmpty()) {
                continue;
            }
            running = true;
            TaskRecord r = found.get();
            if (r.latest().map(st -> st.state() == TaskState.UNREACHABLE).orElse(false)) {
                // cut off with its agent: waited for until the permanent-failure timeout (or an operator's
                // restart or replace), then given up; its kill ends it at once, its agent being away
                if ((recovery.givenUp(instance) || relaunches.rerunAsked(instance)) && !master.killAsked(r.name())) {
                    master.kill(r, recovery.givenUp(instance) ? "its agent stayed away past the permanent-failure timeout"
                            : "a restart or replace asked while its agent is unreachable");
                }
                continue;
            }
            if (r.configId().equals(state.target().id()) && !relaunches.rerunAsked(instance)) {
                continue;
            }
            boolean stopping = master.killAsked(r.name());
            if (!stopping && deferredToLast(plan, step)) {
                return true;
            }
            // the package may hold a stop back (a Kafka partition would fall under its min ISR)
            Verdict stop = stopping ? Verdict.ready() : verdicts.mayStop(instance, state::hookContext);
            if (stop instanceof Verdict.Wait blocked) {
                state.updateStep(plan, step, s -> s.withMessage("waiting to stop " + r.name() + ": " + blocked.reason()));
            } else {
                master.kill(r, "to relaunch " + r.name() + " with config " + state.target().id());
                state.updateStep(plan, step, s -> s.withMessage("stopping " + r.name() + " (config " + r.configId() + ")"));
            }
        }
        return running;
    }

    /** True when {@code task} of the instance is meant to finish and finished with the target config, not to be rerun. */
    private boolean finishedInThisRun(String instance, TaskSpec task) {
        if (task.goal() == GoalState.RUNNING || relaunches.rerunAsked(instance)) {
            return false;
        }
        return state.task(PodInstanceId.of(instance).taskName(task.name()))
                .filter(r -> r.configId().equals(state.target().id()))
                .flatMap(TaskRecord::latest).map(st -> st.state() == TaskState.FINISHED).orElse(false);
    }

    /**
     * Asks the package whether the step's instance should roll after the rest of its serial phase (the
     * active controller goes last); if so, moves the step behind the others and answers true, as it does
     * while the package is still being asked. A step already last, or in a parallel phase, rolls now.
     */
    private boolean deferredToLast(String planName, Step step) {
        Optional<Plan> plan = state.plan(planName);
        Optional<Phase> phase = plan.flatMap(p -> p.phases().stream().filter(ph -> ph.step(step.name()).isPresent()).findFirst());
        if (phase.isEmpty() || phase.get().strategy() == Strategy.PARALLEL || !phase.get().hasUnfinishedAfter(step.name())) {
            return false;
        }
        Optional<Verdict> inTurn = verdicts.rollsInTurn(step.podInstance(), state::hookContext);
        if (inTurn.isEmpty()) {
            state.updateStep(planName, step, s -> s.withMessage("asking the package whether " + step.podInstance()
                    + " rolls last"));
            return true;
        }
        if (!(inTurn.get() instanceof Verdict.Wait last)) {
            return false;
        }
        String why = "rolls last: " + last.reason();
        LOG.infof("service %s: %s %s", state.name(), step.podInstance(), why);
        state.savePlan(plan.get().mapPhases(ph -> ph.name().equals(phase.get().name())
                ? ph.withStepLast(step.name()).mapSteps(s -> s.name().equals(step.name()) ? s.withMessage(why) : s) : ph));
        return true;
    }

    private void accept(String plan, Step step, Evaluation.Accept a) {
        String instance = step.podInstance();
        Optional<PodInstanceRecord> before = state.pod(instance);
        // Durable first: where the instance lives and what is being launched, then the accept. Old
        // homes still to release stay on the record.
        state.savePod(before.map(b -> a.instance().withReleased(b.released())).orElse(a.instance()));
        List<TaskRecord> launched = new ArrayList<>();
        for (TaskInfo t : a.launched()) {
            TaskRecord r = new TaskRecord(t.name(), instance, state.target().id(), t.withContentsHiddenUnder(TlsSpec.DIR),
                    Optional.of(TaskStatus.of(t.taskId(), t.agentId(), TaskState.STAGING, "accepted")));
            state.saveTask(r);
            launched.add(r);
            master.killDone(t.name());
        }
        relaunches.relaunched(instance);
        verdicts.forget(instance); // the package's verdicts on the old task say nothing of the new one
        List<String> types = a.operations().stream().map(Operation::type).toList();
        state.updateStep(plan, step, s -> s.with(Status.PREPARED, "launching on " + a.offer().hostname() + " ("
                + types + ")", clock.instant()));
        LOG.infof("service %s: %s on %s: %s", state.name(), instance, a.offer().hostname(), types);
        master.accept(a.offer().id(), a.operations(), declineFor).whenComplete((ok, err) -> {
            if (err != null) {
                loop.execute(() -> rollBack(plan, step, before, launched, err));
            }
        });
    }

    /** The master refused the accept: nothing was applied, so the records go back to what they were. */
    private void rollBack(String plan, Step step, Optional<PodInstanceRecord> before, List<TaskRecord> launched,
                          Throwable err) {
        String instance = step.podInstance();
        LOG.warnf("service %s: accept for %s refused: %s", state.name(), instance, err.getMessage());
        before.ifPresentOrElse(state::savePod, () -> state.removePod(instance));
        launched.forEach(r -> state.removeTask(r.name()));
        state.updateStep(plan, step, s -> s.with(Status.PENDING, "accept refused: " + err.getMessage(), clock.instant()));
    }

    /** The instance leaves its agent: what it had there is to be released when the agent offers it again. */
    private void moveAway(PodInstanceRecord home) {
        List<PodInstanceRecord.Released> released = new ArrayList<>(home.released());
        released.add(new PodInstanceRecord.Released(home.agentId(), home.allReserved(), home.volumes()));
        state.savePod(home.withoutHome(Optional.of(home.ip()), released));
        recovery.movedAway(home.name());
        LOG.infof("service %s: replacing %s, away from agent %s", state.name(), home.name(), home.agentId());
    }
}
