package dev.berth.core.client;

/** What an operator can do to a plan, as the last segment of {@code POST /v1/services/{service}/plans/{plan}/{action}}. */
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

    private final String pathSegment;

    PlanAction(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    String pathSegment() {
        return pathSegment;
    }
}
