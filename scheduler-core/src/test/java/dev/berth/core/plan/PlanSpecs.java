package dev.berth.core.plan;

import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small service specs and plan helpers for the plan tests: a {@code node} pod of 3 and a {@code web} pod of 2. */
final class PlanSpecs {
    static final Instant T = Instant.parse("2026-11-24T00:00:00Z");

    private PlanSpecs() {
    }

    static PodSpec pod(String type, int count) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        return new PodSpec(type, count, List.of(), List.of(), List.of(server), Optional.empty());
    }

    /** node (3) then web (2), the default deploy plan: one serial phase per pod. */
    static ServiceSpec twoPods() {
        return new ServiceSpec("svc", "svc-role", "svc", List.of(pod("node", 3), pod("web", 2)), List.of());
    }

    /** node (3) then web (2), with the node phase in {@code nodeStrategy} and the plan in {@code planStrategy}. */
    static ServiceSpec twoPods(Strategy planStrategy, Strategy nodeStrategy) {
        PlanSpec deploy = new PlanSpec(PlanFactory.DEPLOY, planStrategy, List.of(
                new PhaseSpec("node", "node", nodeStrategy, List.of()),
                new PhaseSpec("web", "web", Strategy.SERIAL, List.of())));
        return new ServiceSpec("svc", "svc-role", "svc", List.of(pod("node", 3), pod("web", 2)), List.of(deploy));
    }

    static Plan deploy() {
        return PlanFactory.deploy(twoPods());
    }

    /** The plan with the named step moved to {@code status}, as the scheduler would move it. */
    static Plan withStep(Plan plan, String step, Status status) {
        return plan.mapSteps(s -> s.name().equals(step) ? s.with(status, status.name().toLowerCase(), T) : s);
    }

    static Step step(Plan plan, String phase, String step) {
        return plan.phase(phase).orElseThrow().step(step).orElseThrow();
    }

    static List<String> candidateNames(Plan plan) {
        return plan.candidates().stream().map(Step::name).toList();
    }

    static List<Status> statuses(Phase phase) {
        return phase.steps().stream().map(Step::status).toList();
    }
}
