package dev.berth.core.plan;

import static dev.berth.core.plan.PlanSpecs.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tls-renewal plan: a serial phase per pod with TLS tasks, a step per instance over those tasks. */
class TlsRenewalPlanTest {
    static TaskSpec task(String name, boolean tls) {
        return new TaskSpec(name, GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64, List.of(), List.of(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(3),
                tls ? Optional.of(new TlsSpec(Duration.ofDays(90))) : Optional.empty());
    }

    /** node (3) serves TLS from its server only, web (2) not at all, cache (2) from its one task. */
    static ServiceSpec spec() {
        return new ServiceSpec("svc", "svc-role", "svc", List.of(
                new PodSpec("node", 3, List.of(), List.of(), List.of(task("server", true), task("sidecar", false)), Optional.empty()),
                new PodSpec("web", 2, List.of(), List.of(), List.of(task("server", false)), Optional.empty()),
                new PodSpec("cache", 2, List.of(), List.of(), List.of(task("server", true)), Optional.empty())), List.of());
    }

    @Test
    void aServiceWithoutTlsHasNoRenewalPlan() {
        assertThat(PlanFactory.tlsRenewal(PlanSpecs.twoPods())).isEmpty();
    }

    @Test
    void aSerialPhasePerTlsPodAStepPerInstanceOverItsTlsTasksAllComplete() {
        Plan plan = PlanFactory.tlsRenewal(spec()).orElseThrow();

        assertThat(plan.name()).isEqualTo(PlanFactory.TLS_RENEWAL);
        assertThat(plan.strategy()).isEqualTo(Strategy.SERIAL);
        assertThat(plan.phases()).extracting(Phase::name).containsExactly("node", "cache");
        assertThat(plan.phases()).allSatisfy(p -> assertThat(p.strategy()).isEqualTo(Strategy.SERIAL));
        assertThat(plan.phase("node").orElseThrow().steps()).extracting(Step::podInstance)
                .containsExactly("node-0", "node-1", "node-2");
        assertThat(plan.phase("node").orElseThrow().steps()).allSatisfy(s -> assertThat(s.tasks()).containsExactly("server"));
        assertThat(plan.phase("cache").orElseThrow().steps()).extracting(Step::name).containsExactly("cache-0", "cache-1");
        assertThat(plan.status()).isEqualTo(Status.COMPLETE);
        assertThat(plan.candidates()).isEmpty();
    }

    @Test
    void startingThePlanRenewsEveryInstanceOneAtATime() {
        Plan started = PlanControls.start(PlanFactory.tlsRenewal(spec()).orElseThrow(), Map.of(), T);

        assertThat(started.phases().stream().flatMap(p -> p.steps().stream())).hasSize(5)
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.PENDING));
        assertThat(PlanSpecs.candidateNames(started)).containsExactly("node-0");
    }
}
