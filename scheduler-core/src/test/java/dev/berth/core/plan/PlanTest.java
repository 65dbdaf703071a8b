package dev.berth.core.plan;

import static dev.berth.core.plan.PlanSpecs.T;
import static dev.berth.core.plan.PlanSpecs.deploy;
import static dev.berth.core.plan.PlanSpecs.withStep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spec.Strategy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the status of a phase and of a plan follows from their steps. */
class PlanTest {

    @Test
    void aggregateIsCompleteWhenAllAreAndForNothingAtAll() {
        assertThat(Plan.aggregate(List.of())).isEqualTo(Status.COMPLETE);
        assertThat(Plan.aggregate(List.of(Status.COMPLETE, Status.COMPLETE))).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aggregateIsPendingWhenNothingHasBegun() {
        assertThat(Plan.aggregate(List.of(Status.PENDING, Status.PENDING))).isEqualTo(Status.PENDING);
    }

    @Test
    void aggregateIsErrorWhenAnyIsWhateverTheOthersDo() {
        assertThat(Plan.aggregate(List.of(Status.COMPLETE, Status.ERROR))).isEqualTo(Status.ERROR);
        assertThat(Plan.aggregate(List.of(Status.STARTED, Status.ERROR, Status.WAITING))).isEqualTo(Status.ERROR);
        assertThat(Plan.aggregate(List.of(Status.ERROR, Status.PENDING))).isEqualTo(Status.ERROR);
    }

    @Test
    void aggregateIsInProgressAsTheMostAdvancedWhenAnyRuns() {
        assertThat(Plan.aggregate(List.of(Status.PREPARED, Status.PENDING))).isEqualTo(Status.PREPARED);
        assertThat(Plan.aggregate(List.of(Status.STARTING, Status.PENDING))).isEqualTo(Status.STARTING);
        assertThat(Plan.aggregate(List.of(Status.PREPARED, Status.STARTING))).isEqualTo(Status.STARTING);
        assertThat(Plan.aggregate(List.of(Status.PREPARED, Status.STARTED))).isEqualTo(Status.STARTED);
        assertThat(Plan.aggregate(List.of(Status.STARTING, Status.STARTED, Status.PENDING))).isEqualTo(Status.STARTED);
        assertThat(Plan.aggregate(List.of(Status.COMPLETE, Status.PREPARED))).isEqualTo(Status.PREPARED);
    }

    @Test
    void aggregateIsInProgressWhenSomeAreDoneAndOthersToDo() {
        assertThat(Plan.aggregate(List.of(Status.COMPLETE, Status.PENDING))).isEqualTo(Status.STARTED);
    }

    @Test
    void aggregateIsWaitingWhenAnyWaitsAndNoneRuns() {
        assertThat(Plan.aggregate(List.of(Status.WAITING, Status.PENDING))).isEqualTo(Status.WAITING);
        assertThat(Plan.aggregate(List.of(Status.COMPLETE, Status.WAITING))).isEqualTo(Status.WAITING);
        assertThat(Plan.aggregate(List.of(Status.WAITING, Status.STARTED))).isEqualTo(Status.STARTED);
    }

    @Test
    void aPhaseShowsItsStepsAggregated() {
        Plan plan = deploy();
        Phase node = plan.phase("node").orElseThrow();
        assertThat(node.status()).isEqualTo(Status.PENDING);
        assertThat(withStep(plan, "node-0", Status.STARTING).phase("node").orElseThrow().status()).isEqualTo(Status.STARTING);
        assertThat(withStep(plan, "node-0", Status.COMPLETE).phase("node").orElseThrow().status()).isEqualTo(Status.STARTED);
        assertThat(withStep(plan, "node-1", Status.ERROR).phase("node").orElseThrow().status()).isEqualTo(Status.ERROR);
        assertThat(PlanControls.forceComplete(plan, "node", Optional.empty(), T).phase("node").orElseThrow().status())
                .isEqualTo(Status.COMPLETE);
    }

    @Test
    void anInterruptedStepShowsWaitingUnlessItIsComplete() {
        Plan plan = withStep(deploy(), "node-0", Status.STARTED).mapSteps(s -> s.name().equals("node-0") ? s.interrupted(true) : s);
        Step s = plan.phase("node").orElseThrow().step("node-0").orElseThrow();
        assertThat(s.status()).isEqualTo(Status.STARTED);
        assertThat(s.shownStatus()).isEqualTo(Status.WAITING);
        assertThat(plan.phase("node").orElseThrow().status()).isEqualTo(Status.WAITING);
        assertThat(plan.status()).isEqualTo(Status.WAITING);
        assertThat(s.with(Status.COMPLETE, "", T).shownStatus()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aPlanIsTheAggregateOfItsPhases() {
        Plan plan = deploy();
        assertThat(plan.status()).isEqualTo(Status.PENDING);
        Plan nodeRuns = withStep(plan, "node-0", Status.PREPARED);
        assertThat(nodeRuns.status()).isEqualTo(Status.PREPARED);
        Plan nodesDone = PlanControls.forceComplete(plan, "node", Optional.empty(), T);
        assertThat(nodesDone.status()).isEqualTo(Status.STARTED); // one phase done, one to do
        assertThat(nodesDone.isComplete()).isFalse();
        Plan failed = withStep(nodesDone, "web-1", Status.ERROR);
        assertThat(failed.status()).isEqualTo(Status.ERROR);
        Plan done = PlanControls.forceComplete(nodesDone, "web", Optional.empty(), T);
        assertThat(done.status()).isEqualTo(Status.COMPLETE);
        assertThat(done.isComplete()).isTrue();
    }

    @Test
    void aStoppedPlanShowsWaitingUntilItIsComplete() {
        Plan stopped = withStep(deploy(), "node-0", Status.STARTED).withInterrupted(true);
        assertThat(stopped.status()).isEqualTo(Status.WAITING);
        Plan done = PlanControls.forceComplete(PlanControls.forceComplete(stopped, "node", Optional.empty(), T),
                "web", Optional.empty(), T);
        assertThat(done.interrupted()).isTrue();
        assertThat(done.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aCanaryPhaseWaitingForApprovalShowsWaitingAndSoDoesItsPlan() {
        Plan plan = withStep(PlanFactory.deploy(PlanSpecs.twoPods(Strategy.SERIAL, Strategy.CANARY)), "node-0", Status.COMPLETE);
        assertThat(plan.phase("node").orElseThrow().status()).isEqualTo(Status.WAITING);
        assertThat(plan.status()).isEqualTo(Status.WAITING);
        Plan approved = PlanControls.continuePlan(plan);
        assertThat(approved.phase("node").orElseThrow().status()).isEqualTo(Status.STARTED);
    }

    @Test
    void anEmptyRecoveryPlanIsComplete() {
        Plan recovery = PlanFactory.emptyRecovery();
        assertThat(recovery.status()).isEqualTo(Status.COMPLETE);
        assertThat(recovery.isComplete()).isTrue();
        assertThat(recovery.candidates()).isEmpty();
    }
}
