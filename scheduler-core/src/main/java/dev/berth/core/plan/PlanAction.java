package dev.berth.core.plan;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** What an SRE asks of a plan ({@code berth plan ACTION SVC PLAN}); {@link PlanControls} says what each does. */
public enum PlanAction {
    /** Starts a plan, or continues it; a COMPLETE plan runs again. */
    START("start"),
    /** Interrupts a plan: no new step begins. */
    STOP("stop"),
    /** Resumes a stopped plan, or approves the rest of a canary phase. */
    CONTINUE("continue"),
    /** Marks a phase, or one step of it, complete without running it. */
    FORCE_COMPLETE("force-complete"),
    /** Runs a step, a phase or the whole plan again. */
    RESTART("restart");

    private final String text;

    PlanAction(String text) {
        this.text = text;
    }

    /** How the API and CLI spell the action: the last segment of {@code POST /v1/services/{svc}/plans/{plan}/{action}}. */
    public String text() {
        return text;
    }

    /** The action named {@code text} as the API and CLI spell it, or an error naming the ones there are. */
    public static PlanAction parse(String text) {
        return Arrays.stream(values()).filter(a -> a.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("action: '" + text
                        + "' is not valid; expected start, stop, continue, force-complete or restart"));
    }

    /** The plan after this action on it (on {@code phase} and {@code step} where the action takes them). */
    public Plan apply(Plan plan, Optional<String> phase, Optional<String> step, Instant now) {
        return apply(plan, phase, step, plan.parameters(), now);
    }

    /**
     * The plan after this action on it; {@code parameters} (resolved against the plan's declaration) are
     * what a start runs with, and must be the plan's own for any other action.
     */
    public Plan apply(Plan plan, Optional<String> phase, Optional<String> step, Map<String, String> parameters, Instant now) {
        if (this != START && !parameters.equals(plan.parameters())) {
            throw new IllegalArgumentException("parameters: only start takes parameters, not " + text);
        }
        return switch (this) {
            case STOP -> PlanControls.stop(plan);
            case CONTINUE -> PlanControls.continuePlan(plan);
            case START -> PlanControls.start(plan, parameters, now);
            case FORCE_COMPLETE -> PlanControls.forceComplete(plan, phase.orElseThrow(() -> new IllegalArgumentException(
                    "phase: force-complete needs the phase (and optionally the step)")), step, now);
            case RESTART -> PlanControls.restart(plan, phase, step, now);
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
