package dev.berth.core.plan;

import dev.berth.core.plan.PlanActionException.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What an SRE can do to a plan: stop (interrupt), continue (resume, or approve a canary),
 * force-complete a step or phase, restart a step, phase or plan. Each returns the changed plan or
 * refuses with a message that names the plan, phase or step and why; a refused action changes nothing.
 */
public final class PlanControls {
    private PlanControls() {
    }

    /** Interrupts the plan: steps in flight finish what they started, no new step begins. */
    public static Plan stop(Plan plan) {
        if (plan.isComplete()) {
            throw new PlanActionException(Kind.CONFLICT, "plan " + plan.name() + " is COMPLETE; there is nothing to stop");
        }
        if (plan.interrupted()) {
            throw new PlanActionException(Kind.CONFLICT, "plan " + plan.name() + " is already stopped");
        }
        return plan.withInterrupted(true);
    }

    /**
     * Resumes a stopped plan (and any interrupted step); for a canary phase waiting after its first
     * step, approves the rest.
     */
    public static Plan continuePlan(Plan plan) {
        boolean canaryWaits = plan.phases().stream().anyMatch(Phase::waitsForCanaryApproval);
        boolean stepsInterrupted = plan.phases().stream().flatMap(p -> p.steps().stream()).anyMatch(Step::interrupted);
        if (!plan.interrupted() && !canaryWaits && !stepsInterrupted) {
            throw new PlanActionException(Kind.CONFLICT, "plan " + plan.name() + " is " + plan.status()
                    + " and not waiting; continue applies to a stopped plan or a canary waiting for approval");
        }
        Plan resumed = plan.withInterrupted(false).mapSteps(s -> s.interrupted(false));
        return resumed.mapPhases(p -> p.waitsForCanaryApproval() ? p.withCanaryApproved(true) : p);
    }

    /**
     * Starts a plan with {@code parameters} (already resolved, defaults filled in): a complete plan runs
     * again from its first step, one not begun yet takes the parameters and goes, and one in progress
     * goes on, refusing other parameters than those it runs with (a backup half-uploaded under one name
     * must not finish under another).
     */
    public static Plan start(Plan plan, Map<String, String> parameters, Instant now) {
        if (plan.isComplete()) {
            return restart(plan, Optional.empty(), Optional.empty(), now).withParameters(parameters);
        }
        if (plan.notBegun()) {
            Plan withValues = plan.withParameters(parameters);
            return plan.interrupted() ? continuePlan(withValues) : withValues;
        }
        if (!parameters.equals(plan.parameters())) {
            throw new PlanActionException(Kind.CONFLICT, "plan " + plan.name() + " is " + plan.status() + " with parameters "
                    + plan.parameters() + ", not " + parameters + "; start it with those to go on, or restart it "
                    + "(berth plan restart) and start it again with the new ones");
        }
        return continuePlan(plan);
    }

    /** Marks a step (or every step of a phase, when {@code step} is empty) COMPLETE without doing it. */
    public static Plan forceComplete(Plan plan, String phase, Optional<String> step, Instant now) {
        Phase ph = phase(plan, phase);
        if (step.isPresent()) {
            step(plan, ph, step.get());
        }
        return plan.mapPhases(p -> !p.name().equals(phase) ? p : p.mapSteps(s ->
                step.isEmpty() || s.name().equals(step.get()) ? s.with(Status.COMPLETE, "forced complete by an operator", now).interrupted(false) : s));
    }

    /**
     * Sets a step, a phase, or the whole plan (both empty) back to PENDING so it runs again; a stopped
     * plan stays stopped until continued.
     */
    public static Plan restart(Plan plan, Optional<String> phase, Optional<String> step, Instant now) {
        if (phase.isEmpty()) {
            if (step.isPresent()) {
                throw new IllegalArgumentException("phase: a step to restart needs its phase too (step '"
                        + step.get() + "')");
            }
            return plan.mapSteps(s -> s.with(Status.PENDING, "restarted by an operator", now))
                    .mapPhases(p -> p.withCanaryApproved(false));
        }
        Phase ph = phase(plan, phase.get());
        if (step.isPresent()) {
            step(plan, ph, step.get());
        }
        // a whole phase runs again as it first did: a canary phase waits for approval after its canary again
        return plan.mapPhases(p -> !p.name().equals(phase.get()) ? p : p.mapSteps(s ->
                step.isEmpty() || s.name().equals(step.get()) ? s.with(Status.PENDING, "restarted by an operator", now) : s)
                .withCanaryApproved(step.isPresent() && p.canaryApproved()));
    }

    private static Phase phase(Plan plan, String phase) {
        return plan.phase(phase).orElseThrow(() -> new PlanActionException(Kind.NOT_FOUND, "plan " + plan.name()
                + " has no phase '" + phase + "'; phases: " + plan.phases().stream().map(Phase::name).toList()));
    }

    private static Step step(Plan plan, Phase phase, String step) {
        return phase.step(step).orElseThrow(() -> new PlanActionException(Kind.NOT_FOUND, "phase " + phase.name()
                + " of plan " + plan.name() + " has no step '" + step + "'; steps: "
                + phase.steps().stream().map(Step::name).toList()));
    }
}
