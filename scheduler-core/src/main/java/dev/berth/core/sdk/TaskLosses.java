package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanKind;
import dev.berth.core.plan.Status;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.spec.GoalState;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a service does when one of its tasks ends unasked or is cut off with its agent: a task that
 * could not start stops its steps in ERROR; one that failed or was lost is relaunched by a recovery step
 * (unless a deploy or update step relaunches it anyway), with backoff; one that is cut off is waited
 * for. Confined to the service loop.
 */
final class TaskLosses {
    private static final Logger LOG = Logger.getLogger(TaskLosses.class);

    private final String service;
    private final ServiceState state;
    private final MasterLink master;
    private final RecoveryPolicy recovery;
    private final OperatorPlans plans;
    private final RelaunchRequests relaunches;
    private final Clock clock;

    TaskLosses(String service, ServiceState state, MasterLink master, RecoveryPolicy recovery, OperatorPlans plans,
               RelaunchRequests relaunches, Clock clock) {
        this.service = service;
        this.state = state;
        this.master = master;
        this.recovery = recovery;
        this.plans = plans;
        this.relaunches = relaunches;
        this.clock = clock;
    }

    /** The task ended: nothing to do when it was asked to or was meant to finish, else recover the instance. */
    void ended(TaskRecord r, TaskStatus status, boolean uninstalling) {
        boolean asked = master.killDone(r.name()) | broughtAbout(r);
        GoalState goal = state.goal(r);
        boolean failed = !asked && (goal == GoalState.RUNNING || status.state() != TaskState.FINISHED);
        if (!failed || uninstalling) {
            return;
        }
        if (status.launchFailed()) {
            // the same launch would fail the same way: the step stops in ERROR until an operator acts
            // (fixes the package or the agent, then restarts the step)
            stopSteps(r, st -> true, r.name() + " could not start: " + status.message());
            LOG.warnf("service %s: %s could not start: %s", service, r.name(), status.message());
            return;
        }
        if (goal != GoalState.RUNNING && status.state() == TaskState.FAILED) {
            // a task meant to finish that failed (a backup, a restore, a repair) is not run again and again: its
            // step stops in ERROR with what it said, for an operator to read its log and restart the step
            stopSteps(r, st -> st.tasks().stream().anyMatch(t -> r.name().equals(st.podInstance() + "-" + t)),
                    r.name() + " failed: " + status.message() + " (berth pod logs " + service + " " + r.podInstance()
                            + " --task " + r.name().substring(r.podInstance().length() + 1) + " --stderr)");
            LOG.warnf("service %s: %s failed: %s", service, r.name(), status.message());
            return;
        }
        recovery.failed(r.podInstance(), status.state() == TaskState.LOST);
        LOG.infof("service %s: %s %s (%s); recovering", service, r.name(), status.state(), status.message());
        if (!inPlanStep(r.podInstance())) {
            plans.recoveryStep(r.podInstance(), status.state() + ": " + status.message());
        }
    }

    /** Sets the unfinished steps of the task's instance that {@code which} picks to ERROR, saying {@code why}. */
    private void stopSteps(TaskRecord r, java.util.function.Predicate<dev.berth.core.plan.Step> which, String why) {
        for (Plan p : List.copyOf(state.plans().values())) {
            Plan next = p.mapSteps(st -> st.podInstance().equals(r.podInstance()) && !st.isComplete() && which.test(st)
                    ? st.with(Status.ERROR, why, clock.instant()) : st);
            if (!next.equals(p)) {
                state.savePlan(next);
            }
        }
    }

    /**
     * The task's agent is cut off: the node may well run on there, with its data, so nothing is killed or
     * launched now (a database node killed blindly after a short partition costs a rebuild). The instance is
     * away from now on; a recovery step waits for it, adopts it if it comes back running, and replaces it
     * elsewhere only after the permanent-failure timeout (StepLauncher), as Mesos's partition-aware
     * frameworks do.
     */
    void cutOff(TaskRecord r, TaskStatus status, boolean uninstalling) {
        if (uninstalling || state.goal(r) != GoalState.RUNNING) {
            return;
        }
        recovery.away(r.podInstance());
        LOG.infof("service %s: %s unreachable (%s); waiting for its agent", service, r.name(), status.message());
        if (!inPlanStep(r.podInstance())) {
            plans.recoveryStep(r.podInstance(), "UNREACHABLE: " + status.message());
        }
    }

    /**
     * An end the service was bringing about itself, whether or not this scheduler asked for the kill (one
     * asked before a failover is not in its memory): the instance is to run again anyway, for a restart or
     * replace kept in the intents, or with the target's configuration. Not a failure, so no backoff.
     */
    private boolean broughtAbout(TaskRecord r) {
        return relaunches.rerunAsked(r.podInstance()) || !r.configId().equals(state.target().id());
    }

    /** True while an unfinished step of a deploy or update relaunches the instance itself. */
    private boolean inPlanStep(String instance) {
        return state.plans().values().stream().filter(p -> PlanKind.of(p.name()).relaunchesFailures())
                .flatMap(p -> p.phases().stream()).flatMap(ph -> ph.steps().stream())
                .anyMatch(s -> s.podInstance().equals(instance) && !s.isComplete());
    }
}
