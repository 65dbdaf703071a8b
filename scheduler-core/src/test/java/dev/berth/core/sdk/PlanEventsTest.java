package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.spec.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plan's change tells each step that moved, with its reason and since when, and the plan when it moved. */
class PlanEventsTest {
    private static Plan plan(Step... steps) {
        return new Plan("deploy", Strategy.SERIAL, List.of(new Phase("node", Strategy.SERIAL, List.of(steps), false)), false);
    }

    @Test
    void aNewPlanTellsEveryStepAndItself() {
        List<ClusterEvent.Draft> events = PlanEvents.of("hello", Optional.empty(),
                plan(Step.pending("hello-0", List.of("server")), Step.pending("hello-1", List.of("server"))));
        assertThat(events).extracting(ClusterEvent.Draft::kind)
                .containsExactly(EventKind.STEP_STATUS, EventKind.STEP_STATUS, EventKind.PLAN_STATUS);
        assertThat(events.get(0).subject()).isEqualTo("deploy/node/hello-0");
        assertThat(events.get(0).details()).containsEntry("from", "").containsEntry("to", "PENDING");
    }

    @Test
    void onlyTheStepThatMovedIsToldWithItsReasonAndThePlanWhenItsStatusMoves() {
        Instant at = Instant.parse("2026-11-30T10:00:00Z");
        Step zero = Step.pending("hello-0", List.of("server"));
        Step one = Step.pending("hello-1", List.of("server"));
        Plan before = plan(zero, one);
        Plan waiting = plan(zero.with(Status.PENDING, "no agent has cpus:1 free", at), one);
        List<ClusterEvent.Draft> why = PlanEvents.of("hello", Optional.of(before), waiting);
        assertThat(why).extracting(ClusterEvent.Draft::message).containsExactly("PENDING: no agent has cpus:1 free");
        Plan stillWaiting = plan(zero.with(Status.PENDING, "no agent has mem:512 free", at), one);
        assertThat(PlanEvents.of("hello", Optional.of(waiting), stillWaiting)).isEmpty();

        Plan started = plan(zero.with(Status.STARTED, "waiting for its readiness check", at), one);
        List<ClusterEvent.Draft> events = PlanEvents.of("hello", Optional.of(waiting), started);
        assertThat(events).extracting(ClusterEvent.Draft::kind).containsExactly(EventKind.STEP_STATUS, EventKind.PLAN_STATUS);
        assertThat(events.get(0).message()).isEqualTo("PENDING → STARTED: waiting for its readiness check");
        assertThat(events.get(0).details()).containsEntry("reason", "waiting for its readiness check")
                .containsEntry("since", at.toString()).containsEntry("step", "hello-0");
        assertThat(events.get(1).message()).isEqualTo("PENDING → STARTED");
    }
}
