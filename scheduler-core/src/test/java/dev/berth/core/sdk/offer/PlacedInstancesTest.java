package dev.berth.core.sdk.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The placed instances' indexes say, after any sequence of placements, moves and removals, what a scan of
 * the instances would say: who is on an agent, how many per attribute value, and the endpoints in
 * {@link Endpoints#of}'s order.
 */
class PlacedInstancesTest {
    static final Role ROLE = Role.of("ring");

    static TaskSpec task(String name, String endpoint) {
        return new TaskSpec(name, GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 256,
                List.of(new PortSpec("p", 0, null, endpoint)), List.of(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
    }

    static final ServiceSpec SPEC = new ServiceSpec("ring", ROLE.name(), "ring", List.of(
            new PodSpec("node", 6, List.of(), List.of(), List.of(task("server", "native"), task("agent", "jmx")), Optional.empty()),
            new PodSpec("proxy", 3, List.of(), List.of(), List.of(task("server", "native")), Optional.empty())), List.of());

    static PodInstanceRecord placed(String podType, int index, int agent, int port) {
        Map<String, Resources> resources = new TreeMap<>();
        for (TaskSpec t : SPEC.pod(podType).orElseThrow().tasks()) {
            resources.put(t.name(), Resources.parse("cpus:0.5;mem:256;ports:[" + (port + t.name().length()) + "-"
                    + (port + t.name().length()) + "]").reservedAs(Reservation.of(ROLE, Principal.of("ring"), podType + index + t.name())));
        }
        return new PodInstanceRecord(podType + "-" + index, podType, index, "agent-" + agent, "host-" + agent,
                "10.0.0." + agent, Map.of("zone", "z" + agent % 3, "rack", "r" + agent % 2), resources, List.of(),
                Optional.empty(), List.of());
    }

    @Test
    void indexesAgreeWithAScanAfterRandomPlacementsMovesAndRemovals() {
        Random random = new Random(7);
        Map<String, PodInstanceRecord> truth = new TreeMap<>();
        PlacedInstances placed = PlacedInstances.of(SPEC, List.of());
        for (int round = 0; round < 400; round++) {
            String podType = random.nextBoolean() ? "node" : "proxy";
            int index = random.nextInt(podType.equals("node") ? 7 : 3); // node-6 is beyond the count: serves nothing
            String name = podType + "-" + index;
            int op = random.nextInt(4);
            if (op == 0) {
                placed = placed.without(name);
                truth.remove(name);
            } else if (op == 1 && truth.containsKey(name)) {
                PodInstanceRecord away = truth.get(name).withoutHome(Optional.of("10.0.0.1"), List.of());
                placed = placed.with(away);
                truth.put(name, away);
            } else {
                PodInstanceRecord p = placed(podType, index, random.nextInt(5), 31000 + random.nextInt(50) * 10);
                placed = placed.with(p);
                truth.put(name, p);
            }
            assertAgrees(placed, truth);
        }
    }

    @Test
    void anEarlierValueIsUnchangedByLaterChanges() {
        PlacedInstances one = PlacedInstances.of(SPEC, List.of(placed("node", 0, 1, 31000)));
        PlacedInstances two = one.with(placed("node", 1, 1, 31100)).without("node-0");
        assertThat(one.onAgent("node", "agent-1")).containsExactly("node-0");
        assertThat(one.endpoints().get("native")).containsExactly("10.0.0.1:31006");
        assertThat(two.onAgent("node", "agent-1")).containsExactly("node-1");
        assertThat(two.count("node", "zone", "z1")).isEqualTo(1);
    }

    private static void assertAgrees(PlacedInstances placed, Map<String, PodInstanceRecord> truth) {
        List<PodInstanceRecord> homed = truth.values().stream().filter(PodInstanceRecord::hasHome).toList();
        assertThat(placed.size()).isEqualTo(homed.size());
        assertThat(placed.endpoints()).isEqualTo(Endpoints.of(SPEC, truth, Map.of()).addresses());
        for (String podType : List.of("node", "proxy")) {
            for (int agent = 0; agent < 5; agent++) {
                String id = "agent-" + agent;
                assertThat(placed.onAgent(podType, id)).containsExactlyInAnyOrderElementsOf(homed.stream()
                        .filter(p -> p.podType().equals(podType) && p.agentId().equals(id)).map(PodInstanceRecord::name).toList());
            }
            for (String attribute : List.of("zone", "rack")) {
                List<String> present = new ArrayList<>();
                for (String value : List.of("z0", "z1", "z2", "r0", "r1")) {
                    long scanned = homed.stream().filter(p -> p.podType().equals(podType)
                            && value.equals(p.attributes().get(attribute))).count();
                    assertThat(placed.count(podType, attribute, value)).as("%s %s=%s", podType, attribute, value)
                            .isEqualTo(scanned);
                    if (scanned > 0) {
                        present.add(value);
                    }
                }
                assertThat(placed.valuesOf(podType, attribute)).containsExactlyElementsOf(present);
            }
        }
    }
}
