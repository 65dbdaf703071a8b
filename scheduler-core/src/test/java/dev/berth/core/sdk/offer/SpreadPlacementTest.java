package dev.berth.core.sdk.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * 'spread: zone' is a hard rule over the zones the service has seen: a ring of three on agents of three
 * zones gets one node per zone even when the offers at hand come from the zones that already have one.
 */
class SpreadPlacementTest {
    static final Role ROLE = Role.of("ring");
    final OfferEvaluator evaluator = new OfferEvaluator(ROLE, Principal.of("ring"), (t, ctx) -> t);

    static PodSpec pod(PlacementRule... rules) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 256,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        return new PodSpec("node", 3, List.of(rules), List.of(), List.of(server), Optional.empty());
    }

    static LaunchRequest third(PodSpec pod, Map<String, PodInstanceRecord> others) {
        ServiceSpec spec = new ServiceSpec("ring", ROLE.name(), "ring", List.of(pod), List.of());
        ServiceTarget target = new ServiceTarget("config-1", "test", "1", Map.of(), Map.of(), spec,
                Instant.parse("2026-11-30T00:00:00Z"));
        return new LaunchRequest(target, pod, 2, pod.tasks(), Optional.empty(), PlacedInstances.of(spec, others.values()),
                Map.of(), Map.of(),
                Optional.empty(), Optional.empty());
    }

    static Offer offer(String agent, String zone) {
        return new Offer("offer-" + agent, "fw", agent + "-id", agent, "10.0.0." + agent.substring(1), Map.of("zone", zone),
                Resources.parse("cpus:2;mem:4096;disk:1000"), List.of());
    }

    static Map<String, PodInstanceRecord> nodesIn(String... zones) {
        Map<String, PodInstanceRecord> others = new LinkedHashMap<>();
        for (int i = 0; i < zones.length; i++) {
            others.put("node-" + i, new PodInstanceRecord("node-" + i, "node", i, "a" + i + "-id", "a" + i, "10.0.0." + i,
                    Map.of("zone", zones[i]), Map.of(), List.of(), Optional.empty(), List.of()));
        }
        return others;
    }

    @Test
    void aThirdNodeWaitsForTheZoneSeenWithoutOneRatherThanGoingToAZoneThatHasOne() {
        PodSpec pod = pod(new PlacementRule.UniqueAgent(), new PlacementRule.SpreadBy("zone"));
        evaluator.saw(List.of(offer("a7", "z2"))); // zone z2 was offered earlier, to this service

        Evaluation busy = evaluator.evaluate(third(pod, nodesIn("z0", "z1")), List.of(offer("a3", "z0"), offer("a4", "z1")));

        assertThat(busy).isInstanceOf(Evaluation.NoFit.class);
        assertThat(((Evaluation.NoFit) busy).why()).contains(
                "placement 'spread by zone': zone z0 has 1, z2 has 0; waiting for an agent there");
        Evaluation placed = evaluator.evaluate(third(pod, nodesIn("z0", "z1")), List.of(offer("a3", "z0"), offer("a7", "z2")));
        assertThat(placed).isInstanceOf(Evaluation.Accept.class);
        assertThat(((Evaluation.Accept) placed).instance().attributes()).containsEntry("zone", "z2");
    }

    @Test
    void withEveryZoneHoldingOneTheNextMayGoToAny() {
        PodSpec pod = pod(new PlacementRule.SpreadBy("zone"));
        evaluator.saw(List.of(offer("a1", "z0"), offer("a2", "z1")));

        Evaluation placed = evaluator.evaluate(third(pod, nodesIn("z0", "z1")), List.of(offer("a3", "z0")));

        assertThat(placed).isInstanceOf(Evaluation.Accept.class);
    }

    @Test
    void aZoneTheRestrictRuleExcludesIsNotWaitedFor() {
        PodSpec pod = pod(new PlacementRule.SpreadBy("zone"), new PlacementRule.Restrict("zone", List.of("z0", "z1")));
        evaluator.saw(List.of(offer("a7", "z2")));

        Evaluation placed = evaluator.evaluate(third(pod, nodesIn("z0", "z1")), List.of(offer("a3", "z0")));

        assertThat(placed).isInstanceOf(Evaluation.Accept.class);
    }
}
