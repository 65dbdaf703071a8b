package dev.berth.core.plan;

/**
 * What a plan is for, which decides how the scheduler runs its steps. A plan's kind follows from its
 * name, here and nowhere else; the declaration order is the order in which plans get offers.
 */
public enum PlanKind {
    /** Takes every instance out and forgets the service; while it runs, no other plan acts. */
    UNINSTALL,
    /** Launches every instance of the first install. */
    DEPLOY,
    /** Takes out the instances a lowered count removes, highest index first. */
    DECOMMISSION,
    /** Rolls the instances a new target changed, then runs the package's actions. */
    UPDATE,
    /** Relaunches failed instances in place, and moves replaced ones. */
    RECOVERY,
    /** A plan the package declares (repair, cleanup), started by an operator. */
    DECLARED;

    public static PlanKind of(String planName) {
        return switch (planName) {
            case PlanFactory.UNINSTALL -> UNINSTALL;
            case PlanFactory.DEPLOY -> DEPLOY;
            case PlanFactory.DECOMMISSION -> DECOMMISSION;
            case PlanFactory.UPDATE -> UPDATE;
            case PlanFactory.RECOVERY -> RECOVERY;
            default -> DECLARED;
        };
    }

    /** Updates and the package's own plans act only once the deploy is complete. */
    public boolean waitsForDeploy() {
        return this == UPDATE || this == DECLARED;
    }

    /** Its steps take instances out (stop, destroy, unreserve): they move with releases, not with task states. */
    public boolean releasesInstances() {
        return this == UNINSTALL || this == DECOMMISSION;
    }

    /**
     * An unfinished step of it relaunches a task of its instance that fails; a failure elsewhere gets a
     * recovery step.
     */
    public boolean relaunchesFailures() {
        return this == DEPLOY || this == UPDATE;
    }
}
