package dev.berth.core.plan;

import static dev.berth.core.plan.PlanSpecs.T;
import static dev.berth.core.plan.PlanSpecs.candidateNames;
import static dev.berth.core.plan.PlanSpecs.deploy;
import static dev.berth.core.plan.PlanSpecs.statuses;
import static dev.berth.core.plan.PlanSpecs.step;
import static dev.berth.core.plan.PlanSpecs.withStep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What an SRE can do to a plan, on plans built by {@link PlanFactory}: each action, and each refusal. */
class PlanControlsTest {
    static final Instant LATER = T.plusSeconds(60);

    @Test
    void theDeployPlanHasOnePhasePerPodAndStartsAtTheFirstStep() {
        Plan plan = deploy();
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("node", "web");
        assertThat(plan.phase("node").orElseThrow().steps()).extracting(Step::name).containsExactly("node-0", "node-1", "node-2");
        assertThat(plan.status()).isEqualTo(Status.PENDING);
        assertThat(candidateNames(plan)).containsExactly("node-0");
    }

    // ------------------------------------------------------------------ stop / continue

    @Test
    void stopInterruptsThePlanAndContinueResumesItWhereItWas() {
        Plan running = withStep(withStep(deploy(), "node-0", Status.COMPLETE), "node-1", Status.STARTED);
        Plan stopped = PlanControls.stop(running);
        assertThat(stopped.interrupted()).isTrue();
        assertThat(stopped.status()).isEqualTo(Status.WAITING);
        assertThat(stopped.candidates()).isEmpty();
        // the steps themselves are left as they were: in-flight work finishes
        assertThat(stopped.phases()).isEqualTo(running.phases());

        Plan resumed = PlanControls.continuePlan(stopped);
        assertThat(resumed.interrupted()).isFalse();
        assertThat(resumed).isEqualTo(running);
        assertThat(candidateNames(resumed)).containsExactly("node-1");
    }

    @Test
    void continueAlsoResumesAnInterruptedStep() {
        Plan plan = deploy().mapSteps(s -> s.name().equals("node-0") ? s.interrupted(true) : s);
        assertThat(step(plan, "node", "node-0").shownStatus()).isEqualTo(Status.WAITING);
        assertThat(plan.candidates()).isEmpty(); // serial: the interrupted first step holds the phase

        Plan resumed = PlanControls.continuePlan(plan);
        assertThat(step(resumed, "node", "node-0").interrupted()).isFalse();
        assertThat(candidateNames(resumed)).containsExactly("node-0");
    }

    @Test
    void stoppingACompletePlanIsRefusedAndChangesNothing() {
        Plan done = PlanControls.forceComplete(PlanControls.forceComplete(deploy(), "node", Optional.empty(), T),
                "web", Optional.empty(), T);
        assertThat(done.status()).isEqualTo(Status.COMPLETE);
        assertRefused(done, () -> PlanControls.stop(done), PlanActionException.Kind.CONFLICT,
                "plan deploy is COMPLETE; there is nothing to stop");
    }

    @Test
    void stoppingTwiceIsRefused() {
        Plan stopped = PlanControls.stop(deploy());
        assertRefused(stopped, () -> PlanControls.stop(stopped), PlanActionException.Kind.CONFLICT,
                "plan deploy is already stopped");
    }

    @Test
    void continuingAPlanThatIsNotWaitingIsRefusedSayingItsStatus() {
        Plan plan = deploy();
        assertRefused(plan, () -> PlanControls.continuePlan(plan), PlanActionException.Kind.CONFLICT,
                "plan deploy is PENDING and not waiting; continue applies to a stopped plan or a canary waiting for approval");
        Plan started = withStep(plan, "node-0", Status.STARTED);
        assertRefused(started, () -> PlanControls.continuePlan(started), PlanActionException.Kind.CONFLICT,
                "plan deploy is STARTED and not waiting");
    }

    // ------------------------------------------------------------------ force-complete

    @Test
    void forceCompletingAStepCompletesOnlyThatStepAndThePlanMovesOn() {
        Plan plan = withStep(deploy(), "node-0", Status.STARTING);
        Plan forced = PlanControls.forceComplete(plan, "node", Optional.of("node-0"), LATER);
        Step s = step(forced, "node", "node-0");
        assertThat(s.status()).isEqualTo(Status.COMPLETE);
        assertThat(s.message()).isEqualTo("forced complete by an operator");
        assertThat(s.updated()).isEqualTo(LATER);
        assertThat(statuses(forced.phase("node").orElseThrow())).containsExactly(Status.COMPLETE, Status.PENDING, Status.PENDING);
        assertThat(forced.phase("web")).isEqualTo(plan.phase("web"));
        assertThat(candidateNames(forced)).containsExactly("node-1");
    }

    @Test
    void forceCompletingAnInterruptedStepClearsItsInterruption() {
        Plan plan = deploy().mapSteps(s -> s.name().equals("node-0") ? s.interrupted(true) : s);
        Plan forced = PlanControls.forceComplete(plan, "node", Optional.of("node-0"), LATER);
        assertThat(step(forced, "node", "node-0").interrupted()).isFalse();
        assertThat(step(forced, "node", "node-0").shownStatus()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void forceCompletingAPhaseCompletesEveryStepOfItAndTheNextPhaseStarts() {
        Plan plan = withStep(deploy(), "node-0", Status.COMPLETE);
        Plan forced = PlanControls.forceComplete(plan, "node", Optional.empty(), LATER);
        assertThat(forced.phase("node").orElseThrow().status()).isEqualTo(Status.COMPLETE);
        assertThat(forced.phase("node").orElseThrow().steps().subList(1, 3))
                .allSatisfy(s -> assertThat(s.message()).isEqualTo("forced complete by an operator"));
        assertThat(forced.phase("web")).isEqualTo(plan.phase("web"));
        assertThat(forced.isComplete()).isFalse();
        assertThat(candidateNames(forced)).containsExactly("web-0");
    }

    // ------------------------------------------------------------------ restart

    @Test
    void restartingAStepSetsOnlyItBackToPending() {
        Plan done = PlanControls.forceComplete(deploy(), "node", Optional.empty(), T);
        Plan restarted = PlanControls.restart(done, Optional.of("node"), Optional.of("node-1"), LATER);
        Step s = step(restarted, "node", "node-1");
        assertThat(s.status()).isEqualTo(Status.PENDING);
        assertThat(s.message()).isEqualTo("restarted by an operator");
        assertThat(s.updated()).isEqualTo(LATER);
        assertThat(statuses(restarted.phase("node").orElseThrow())).containsExactly(Status.COMPLETE, Status.PENDING, Status.COMPLETE);
        assertThat(candidateNames(restarted)).containsExactly("node-1");
    }

    @Test
    void restartingAPhaseSetsAllItsStepsBackToPendingAndLeavesTheOtherPhases() {
        Plan done = PlanControls.forceComplete(PlanControls.forceComplete(deploy(), "node", Optional.empty(), T),
                "web", Optional.empty(), T);
        Plan restarted = PlanControls.restart(done, Optional.of("web"), Optional.empty(), LATER);
        assertThat(statuses(restarted.phase("web").orElseThrow())).containsOnly(Status.PENDING);
        assertThat(restarted.phase("node")).isEqualTo(done.phase("node"));
        assertThat(restarted.status()).isEqualTo(Status.STARTED); // node done, web to do: in progress
        assertThat(candidateNames(restarted)).containsExactly("web-0");
    }

    @Test
    void restartingThePlanSetsEveryStepBackToPendingAndAStoppedPlanStaysStopped() {
        Plan done = PlanControls.forceComplete(PlanControls.forceComplete(deploy(), "node", Optional.empty(), T),
                "web", Optional.empty(), T);
        Plan restarted = PlanControls.restart(done, Optional.empty(), Optional.empty(), LATER);
        assertThat(restarted.phases()).allSatisfy(p -> assertThat(statuses(p)).containsOnly(Status.PENDING));
        assertThat(restarted.status()).isEqualTo(Status.PENDING);
        assertThat(candidateNames(restarted)).containsExactly("node-0");

        Plan stopped = PlanControls.stop(withStep(deploy(), "node-0", Status.COMPLETE));
        Plan again = PlanControls.restart(stopped, Optional.empty(), Optional.empty(), LATER);
        assertThat(again.interrupted()).isTrue();
        assertThat(again.status()).isEqualTo(Status.WAITING);
        assertThat(again.candidates()).isEmpty();
    }

    // ------------------------------------------------------------------ unknown names, missing phase

    @Test
    void anUnknownPhaseIsNotFoundNamingTheKnownPhases() {
        Plan plan = deploy();
        String why = "plan deploy has no phase 'nodes'; phases: [node, web]";
        assertRefused(plan, () -> PlanControls.forceComplete(plan, "nodes", Optional.empty(), T),
                PlanActionException.Kind.NOT_FOUND, why);
        assertRefused(plan, () -> PlanControls.forceComplete(plan, "nodes", Optional.of("node-0"), T),
                PlanActionException.Kind.NOT_FOUND, why);
        assertRefused(plan, () -> PlanControls.restart(plan, Optional.of("nodes"), Optional.empty(), T),
                PlanActionException.Kind.NOT_FOUND, why);
    }

    @Test
    void anUnknownStepIsNotFoundNamingTheStepsOfItsPhase() {
        Plan plan = deploy();
        String why = "phase node of plan deploy has no step 'node-7'; steps: [node-0, node-1, node-2]";
        assertRefused(plan, () -> PlanControls.forceComplete(plan, "node", Optional.of("node-7"), T),
                PlanActionException.Kind.NOT_FOUND, why);
        assertRefused(plan, () -> PlanControls.restart(plan, Optional.of("node"), Optional.of("node-7"), T),
                PlanActionException.Kind.NOT_FOUND, why);
        // a step of another phase is not a step of this one
        assertRefused(plan, () -> PlanControls.restart(plan, Optional.of("node"), Optional.of("web-0"), T),
                PlanActionException.Kind.NOT_FOUND, "phase node of plan deploy has no step 'web-0'");
    }

    @Test
    void aStepToRestartWithoutItsPhaseIsInvalidInputNamingThePhaseField() {
        Plan plan = PlanControls.forceComplete(deploy(), "node", Optional.empty(), T);
        Plan before = plan;
        assertThatThrownBy(() -> PlanControls.restart(plan, Optional.empty(), Optional.of("node-0"), T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phase: a step to restart needs its phase too (step 'node-0')");
        assertThat(plan).isEqualTo(before);
    }

    // ------------------------------------------------------------------ canary

    @Test
    void aCanaryPhaseOffersOnlyItsFirstStepThenWaitsForApprovalThenRunsTheRestSerially() {
        Plan plan = PlanFactory.deploy(PlanSpecs.twoPods(Strategy.SERIAL, Strategy.CANARY));
        Phase node = plan.phase("node").orElseThrow();
        assertThat(node.strategy()).isEqualTo(Strategy.CANARY);
        assertThat(node.candidates()).extracting(Step::name).containsExactly("node-0");
        assertThat(node.waitsForCanaryApproval()).isFalse();

        Plan canaryRuns = withStep(plan, "node-0", Status.STARTED);
        assertThat(canaryRuns.candidates()).extracting(Step::name).containsExactly("node-0");
        assertThat(canaryRuns.phase("node").orElseThrow().waitsForCanaryApproval()).isFalse();
        assertRefused(canaryRuns, () -> PlanControls.continuePlan(canaryRuns), PlanActionException.Kind.CONFLICT,
                "not waiting");

        Plan canaryDone = withStep(plan, "node-0", Status.COMPLETE);
        Phase waiting = canaryDone.phase("node").orElseThrow();
        assertThat(waiting.waitsForCanaryApproval()).isTrue();
        assertThat(waiting.candidates()).isEmpty();
        assertThat(canaryDone.candidates()).isEmpty(); // the web phase does not start either: the plan is serial
        assertThat(waiting.status()).isEqualTo(Status.WAITING);
        assertThat(canaryDone.status()).isEqualTo(Status.WAITING);

        Plan approved = PlanControls.continuePlan(canaryDone);
        Phase go = approved.phase("node").orElseThrow();
        assertThat(go.canaryApproved()).isTrue();
        assertThat(go.waitsForCanaryApproval()).isFalse();
        assertThat(go.candidates()).extracting(Step::name).containsExactly("node-1"); // serial after the canary
        assertThat(approved.status()).isEqualTo(Status.STARTED);

        Plan second = withStep(approved, "node-1", Status.COMPLETE);
        assertThat(candidateNames(second)).containsExactly("node-2");
        assertThat(second.phase("node").orElseThrow().waitsForCanaryApproval()).isFalse(); // approval holds
        Plan nodesDone = withStep(second, "node-2", Status.COMPLETE);
        assertThat(candidateNames(nodesDone)).containsExactly("web-0");
        assertRefused(nodesDone, () -> PlanControls.continuePlan(nodesDone), PlanActionException.Kind.CONFLICT,
                "not waiting");
    }

    @Test
    void continueOnAStoppedPlanWhoseCanaryWaitsBothResumesAndApproves() {
        Plan canaryDone = withStep(PlanFactory.deploy(PlanSpecs.twoPods(Strategy.SERIAL, Strategy.CANARY)),
                "node-0", Status.COMPLETE);
        Plan stopped = PlanControls.stop(canaryDone);
        Plan resumed = PlanControls.continuePlan(stopped);
        assertThat(resumed.interrupted()).isFalse();
        assertThat(resumed.phase("node").orElseThrow().canaryApproved()).isTrue();
        assertThat(candidateNames(resumed)).containsExactly("node-1");
    }

    @Test
    void restartingACanaryPhaseOrPlanRunsTheCanaryAgainAndWaitsForApprovalAgain() {
        Plan approved = PlanControls.continuePlan(withStep(
                PlanFactory.deploy(PlanSpecs.twoPods(Strategy.SERIAL, Strategy.CANARY)), "node-0", Status.COMPLETE));
        Plan nodesDone = withStep(withStep(approved, "node-1", Status.COMPLETE), "node-2", Status.COMPLETE);

        for (Plan restarted : List.of(PlanControls.restart(nodesDone, Optional.of("node"), Optional.empty(), LATER),
                PlanControls.restart(nodesDone, Optional.empty(), Optional.empty(), LATER))) {
            assertThat(restarted.phase("node").orElseThrow().canaryApproved()).isFalse();
            assertThat(candidateNames(restarted)).containsExactly("node-0");
            Plan canaryAgain = withStep(restarted, "node-0", Status.COMPLETE);
            assertThat(canaryAgain.phase("node").orElseThrow().waitsForCanaryApproval()).isTrue();
            assertThat(canaryAgain.candidates()).isEmpty();
        }

        // restarting one step of an approved canary phase keeps the approval: only that step runs again
        Plan oneStep = PlanControls.restart(nodesDone, Optional.of("node"), Optional.of("node-2"), LATER);
        assertThat(oneStep.phase("node").orElseThrow().canaryApproved()).isTrue();
        assertThat(candidateNames(oneStep)).containsExactly("node-2");
    }

    @Test
    void aParallelPhaseOffersEveryUnfinishedStepAtOnce() {
        Plan plan = PlanFactory.deploy(PlanSpecs.twoPods(Strategy.SERIAL, Strategy.PARALLEL));
        assertThat(candidateNames(plan)).containsExactly("node-0", "node-1", "node-2");
        Plan one = withStep(plan, "node-1", Status.COMPLETE);
        assertThat(candidateNames(one)).containsExactly("node-0", "node-2");
        // an interrupted step is skipped, the others go on
        Plan held = one.mapSteps(s -> s.name().equals("node-0") ? s.interrupted(true) : s);
        assertThat(candidateNames(held)).containsExactly("node-2");
    }

    @Test
    void aParallelPlanRunsItsPhasesAtOnce() {
        Plan plan = PlanFactory.deploy(PlanSpecs.twoPods(Strategy.PARALLEL, Strategy.SERIAL));
        assertThat(candidateNames(plan)).containsExactly("node-0", "web-0");
    }

    /** The action is refused with the kind and a message containing {@code why}; the plan is as it was. */
    private static void assertRefused(Plan plan, Executable action, PlanActionException.Kind kind, String why) {
        Plan before = new Plan(plan.name(), plan.strategy(), plan.phases(), plan.interrupted());
        assertThatThrownBy(action::execute).isInstanceOfSatisfying(PlanActionException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(why);
        });
        assertThat(plan).isEqualTo(before);
    }
}
