package dev.berth.core.sdk;

import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanActionException;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.PlanParameters;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plans a service's life and its operators' commands make: the first plans of a service (deploy,
 * ending with the package's deploy actions; an empty recovery plan; the package's declared plans), the
 * update and decommission plans of a new target, a recovery step for a failure, a restart or a replace,
 * the uninstall plan, and an operator's change to a plan. Writes them to the state; confined to the
 * service loop.
 */
final class OperatorPlans {
    private final ServiceState state;
    private final ServiceHooks hooks;
    private final HookVerdicts verdicts;
    private final RelaunchRequests relaunches;
    private final OfferEvaluator evaluator;
    private final Clock clock;

    OperatorPlans(ServiceState state, ServiceHooks hooks, HookVerdicts verdicts, RelaunchRequests relaunches,
                  OfferEvaluator evaluator, Clock clock) {
        this.state = state;
        this.hooks = hooks;
        this.verdicts = verdicts;
        this.relaunches = relaunches;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** The plans a service starts with, for those it has not got yet (a resumed service keeps its own). */
    void firstPlans() {
        ServiceTarget target = state.target();
        if (state.plan(PlanFactory.DEPLOY).isEmpty()) {
            Plan deploy = PlanFactory.deploy(target.spec());
            state.savePlan(deploy.withPhases(withActionPhases(deploy.phases(), new HashSet<>(),
                    hooks.deployActions(target.options()))));
        }
        if (state.plan(PlanFactory.RECOVERY).isEmpty()) {
            state.savePlan(PlanFactory.emptyRecovery());
        }
        for (Plan declared : PlanFactory.declared(target.spec())) {
            if (state.plan(declared.name()).isEmpty()) {
                state.savePlan(declared);
            }
        }
        renewalPlan(target);
    }

    /** The TLS renewal plan of the target, kept as it is while its instances stay the same. */
    private void renewalPlan(ServiceTarget target) {
        PlanFactory.tlsRenewal(target.spec()).ifPresent(fresh -> {
            Optional<Plan> kept = state.plan(PlanFactory.TLS_RENEWAL);
            if (kept.isEmpty() || !stepNames(kept.get()).equals(stepNames(fresh))) {
                state.savePlan(fresh);
            }
        });
    }

    private static List<String> stepNames(Plan plan) {
        return plan.phases().stream().flatMap(ph -> ph.steps().stream().map(s -> ph.name() + "/" + s.name())).toList();
    }

    /**
     * A new target config: its update plan rolls the changed pods (the caller validated the change);
     * instances above a lowered count are decommissioned first, highest index first.
     */
    void updateTarget(ServiceTarget next) {
        ServiceTarget previous = state.target();
        state.saveTarget(next);
        Plan decommission = PlanFactory.decommission(previous.spec(), next.spec());
        if (!decommission.phases().isEmpty()) {
            state.savePlan(decommission);
        }
        state.savePlan(withActions(PlanFactory.update(previous.spec(), next.spec(),
                PodChanges.changed(previous, next, evaluator.templates())), hooks.updateActions(previous.options(), next.options())));
        for (Plan declared : PlanFactory.declared(next.spec())) {
            state.savePlan(state.plan(declared.name()).orElse(declared));
        }
        renewalPlan(next);
    }

    /** An operator's action on a plan, with the parameters a start takes: the plan after it, saved. */
    Plan act(String service, ServiceCommand.ChangePlan c) {
        Plan plan = state.plan(c.plan()).orElseThrow(() -> new PlanActionException(PlanActionException.Kind.NOT_FOUND,
                "service " + service + " has no plan '" + c.plan() + "'; plans: " + new TreeMap<>(state.plans()).keySet()));
        Map<String, String> parameters = PlanParameters.forAction(c.action(), plan, state.target().spec().plan(c.plan()),
                c.parameters());
        Plan changed = c.action().apply(plan, c.phase(), c.step(), parameters, clock.instant());
        change(changed);
        return changed;
    }

    /**
     * Replaces a plan after an operator's action (stop, continue, force-complete, restart). A step set
     * back to PENDING runs again: when its turn comes, its instance's tasks are stopped and relaunched
     * in place.
     */
    void change(Plan changed) {
        state.plan(changed.name()).ifPresent(before -> {
            for (Phase ph : changed.phases()) {
                for (Step s : ph.steps()) {
                    boolean wasPending = before.phase(ph.name()).flatMap(b -> b.step(s.name()))
                            .map(b -> b.status() == Status.PENDING).orElse(true);
                    if (s.status() == Status.PENDING && !wasPending) {
                        if (s.isAction()) {
                            verdicts.forgetAction(changed.name(), s.name()); // its "done" was of the last run
                        } else {
                            relaunches.restart(s.podInstance());
                        }
                    }
                }
            }
        });
        state.savePlan(changed);
    }

    /** A step of the recovery plan that relaunches the instance's long-running tasks (one per instance). */
    void recoveryStep(String instance, String why) {
        Plan recovery = state.plan(PlanFactory.RECOVERY).orElseGet(PlanFactory::emptyRecovery);
        List<String> taskNames = state.podSpec(instance).map(p -> p.tasks().stream().filter(t -> t.goal() == GoalState.RUNNING)
                .map(TaskSpec::name).toList()).orElse(List.of());
        Phase phase = recovery.phases().get(0);
        List<Step> steps = new ArrayList<>(phase.steps().stream().filter(s -> !s.podInstance().equals(instance)).toList());
        steps.add(Step.pending(instance, taskNames).with(Status.PENDING, "relaunching after " + why, clock.instant()));
        state.savePlan(new Plan(PlanFactory.RECOVERY, recovery.strategy(), List.of(new Phase(phase.name(), phase.strategy(),
                steps, false)), recovery.interrupted()));
    }

    /** The uninstall plan, one step per pod instance, unless one was made already. */
    void uninstall() {
        if (state.plan(PlanFactory.UNINSTALL).isPresent()) {
            return;
        }
        List<Step> steps = new ArrayList<>();
        for (PodInstanceRecord p : state.pods()) {
            steps.add(Step.pending(p.name(), List.of()));
        }
        state.savePlan(new Plan(PlanFactory.UNINSTALL, Strategy.PARALLEL,
                List.of(new Phase("release", Strategy.PARALLEL, steps, false)), false));
    }

    /**
     * The update plan with a phase per package action at its end: the new update's actions, and those
     * of the update plan it replaces that never finished (a held-back finalize is not lost to a later
     * config change).
     */
    private Plan withActions(Plan update, List<PackageAction> actions) {
        List<Phase> phases = new ArrayList<>(update.phases());
        Set<String> added = new HashSet<>();
        state.plan(PlanFactory.UPDATE).ifPresent(replaced -> {
            for (Phase ph : replaced.phases()) {
                for (Step st : ph.steps()) {
                    if (st.isAction() && !st.isComplete() && added.add(st.name())) {
                        verdicts.forgetAction(PlanFactory.UPDATE, st.name());
                        phases.add(new Phase(ph.name(), Strategy.SERIAL,
                                List.of(Step.action(st.name(), st.message(), st.interrupted())), false));
                    }
                }
            }
        });
        return update.withPhases(withActionPhases(phases, added, actions));
    }

    /** {@code phases} and a phase of one action step per action not {@code added} yet, in order. */
    private static List<Phase> withActionPhases(List<Phase> phases, Set<String> added, List<PackageAction> actions) {
        List<Phase> out = new ArrayList<>(phases);
        for (PackageAction a : actions) {
            if (added.add(a.name())) {
                out.add(new Phase(a.name(), Strategy.SERIAL,
                        List.of(Step.action(a.name(), a.description(), a.heldBack())), false));
            }
        }
        return out;
    }
}
