package dev.berth.core.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardDataTest {
    static final Instant NOW = Instant.parse("2026-11-30T14:00:00Z");

    @Test
    void aWaitingStepSaysWhyAndSinceItWasLastToldOf() {
        ServiceViews.StepView waiting = new ServiceViews.StepView("node-1", "node-1", "PENDING",
                "waiting for an offer from agent-2", Instant.EPOCH);
        Views.StepLine line = DashboardData.step(waiting, Optional.of(NOW.minusSeconds(90)), NOW);
        assertThat(line.waits()).isEqualTo("waiting for an offer from agent-2");
        assertThat(line.since()).isEqualTo("since 13:58:30 UTC (1 min ago)");
    }

    @Test
    void withoutAnEventTheStepsOwnTimeAndNeverTheEpoch() {
        ServiceViews.StepView started = new ServiceViews.StepView("node-1", "node-1", "STARTED", "running", NOW.minusSeconds(5));
        assertThat(DashboardData.step(started, Optional.empty(), NOW).since()).isEqualTo("since 13:59:55 UTC (5 s ago)");
        ServiceViews.StepView never = new ServiceViews.StepView("node-2", "node-2", "PENDING", "", Instant.EPOCH);
        assertThat(DashboardData.step(never, Optional.empty(), NOW).since()).isEmpty();
    }

    @Test
    void aCompleteStepHasNothingToExplain() {
        ServiceViews.StepView done = new ServiceViews.StepView("node-0", "node-0", "COMPLETE", "ready", NOW.minusSeconds(5));
        Views.StepLine line = DashboardData.step(done, Optional.of(NOW), NOW);
        assertThat(line.waits()).isEmpty();
        assertThat(line.since()).isEmpty();
    }

    @Test
    void eachStepIsMatchedToItsOwnEventsByPlanPhaseAndStep() {
        ServiceViews.PlanView plan = new ServiceViews.PlanView("update", "STARTED", false, List.of(
                new ServiceViews.PhaseView("hello", "STARTED", "SERIAL", List.of(
                        new ServiceViews.StepView("hello-0", "hello-0", "PENDING", "short of mem", Instant.EPOCH),
                        new ServiceViews.StepView("hello-1", "hello-1", "PENDING", "", Instant.EPOCH)))));
        Views.PlanCard card = DashboardData.plan(plan, Map.of("update/hello/hello-0", NOW.minusSeconds(30),
                "deploy/hello/hello-1", NOW.minusSeconds(30)), NOW);
        assertThat(card.phases().get(0).steps()).extracting(Views.StepLine::since)
                .containsExactly("since 13:59:30 UTC (30 s ago)", "");
        assertThat(card.pausable()).isTrue();
        assertThat(card.continuable()).isFalse();
    }

    @Test
    void pauseWhileAPlanRunsAndContinueWhileItIsPausedOrWaits() {
        assertThat(card("COMPLETE", false).pausable()).isFalse();
        assertThat(card("COMPLETE", false).continuable()).isFalse();
        assertThat(card("STARTED", true).pausable()).isFalse();
        assertThat(card("STARTED", true).continuable()).isTrue();
        assertThat(card("STARTED", true).state()).isEqualTo("STARTED (paused)");
        assertThat(card("WAITING", false).continuable()).as("a step held back for an operator").isTrue();
    }

    private static Views.PlanCard card(String status, boolean interrupted) {
        return new Views.PlanCard(new ServiceViews.PlanView("p", status, interrupted, List.of()), List.of());
    }

    @Test
    void aTaskIdIsOnePathSegmentOfItsLogsLink() {
        assertThat(DashboardData.logsPath("hello-0-server__0f3c")).isEqualTo("/ui/tasks/hello-0-server__0f3c/logs");
        assertThat(DashboardData.logsPath("a/b c?")).isEqualTo("/ui/tasks/a%2Fb%20c%3F/logs");
    }

    @Test
    void agentsGetTheirOwnReservationsAndVolumes() {
        ClusterViews.AgentRow a = agent("a-1");
        ClusterViews.AgentRow b = agent("b-2");
        List<Views.AgentCard> cards = DashboardData.cards(List.of(a, b),
                List.of(new ClusterViews.ReservationRow("b-2", "berth/hello", "service:hello", "r-1", "disk:16")),
                List.of(new ClusterViews.VolumeRow("b-2", "v-1", "berth/hello", "16 MiB", "data", "RW", "ROOT", List.of(), -1)));
        assertThat(cards.get(0).reservations()).isEmpty();
        assertThat(cards.get(1).reservations()).extracting(ClusterViews.ReservationRow::resourceId).containsExactly("r-1");
        assertThat(cards.get(1).volumes()).extracting(Views.VolumeLine::used).containsExactly("not measured yet");
        assertThat(cards.get(1).bars()).extracting(Bar::name).containsExactly("cpus");
        assertThat(cards.get(1).attributes()).isEqualTo("rack=r1, zone=z1");
    }

    private static ClusterViews.AgentRow agent(String id) {
        return new ClusterViews.AgentRow(id, id, "127.0.0.2", "REACHABLE", NOW, Map.of("zone", "z1", "rack", "r1"),
                "cpus:2", "cpus:2", "", List.of(new ClusterViews.ResourceUse("cpus", 0, 0, 2)));
    }

    @Test
    void volumeUseInReadableUnits() {
        assertThat(DashboardData.size(-1)).isEqualTo("not measured yet");
        assertThat(DashboardData.size(512)).isEqualTo("0.5 KiB");
        assertThat(DashboardData.size(3 * 1024 * 1024 + 512 * 1024)).isEqualTo("3.5 MiB");
    }
}
