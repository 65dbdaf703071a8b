package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A hook finds where one pod instance serves an endpoint from that instance's own reservation, the way
 * the endpoint lists are made, and not from a position in those lists (which skip instances without a home).
 */
class HookContextAddressTest {
    static TaskSpec task(String name, PortSpec... ports) {
        return new TaskSpec(name, GoalState.RUNNING, "run", Map.of(), List.of(), "", 0.1, 64, List.of(ports), List.of(),
                Optional.empty(), Optional.empty(), null);
    }

    /** {@code data-node}: a server with a fixed metrics port and two assigned ones, and a sidecar that also serves {@code admin}. */
    static final ServiceSpec SPEC = new ServiceSpec("db", "db-role", "db-principal", List.of(new PodSpec("data-node", 3,
            List.of(), List.of(), List.of(
                    task("server", new PortSpec("metrics", 9404, null, "metrics"), new PortSpec("client", 0, null, "client"),
                            new PortSpec("admin", 0, null, "admin"), new PortSpec("gossip", 0, null, "")),
                    task("sidecar", new PortSpec("admin", 0, null, "admin"))), Optional.empty())), List.of());

    static PodInstanceRecord home(int index, String ip, Map<String, String> reservedPorts) {
        Map<String, Resources> reserved = new java.util.HashMap<>();
        reservedPorts.forEach((task, ports) -> reserved.put(task, Resources.parse("cpus:0.1;mem:64;ports:" + ports)));
        return new PodInstanceRecord("data-node-" + index, "data-node", index, ip.isEmpty() ? "" : "agent-" + index,
                "host-" + index, ip, Map.of(), reserved, List.of(), Optional.empty(), List.of());
    }

    static HookContext context(PodInstanceRecord... homes) {
        Map<String, PodInstanceRecord> pods = new java.util.HashMap<>();
        for (PodInstanceRecord h : homes) {
            pods.put(h.name(), h);
        }
        ServiceTarget target = new ServiceTarget("c1", "db", "1.0.0", Map.of(), Map.of(), SPEC, Instant.EPOCH);
        return new HookContext(target, pods, Map.of(), Endpoints.of(SPEC, pods, Map.of()));
    }

    @Test
    void anInstanceServesEachEndpointOnItsAgentAtThePortReservedForIt() {
        HookContext c = context(home(0, "127.0.0.2", Map.of("server", "[9404-9404,31000-31002]")),
                home(2, "127.0.0.4", Map.of("server", "[9404-9404,31005-31007]", "sidecar", "[31009-31009]")));

        // assigned ports in declaration order, the fixed one as declared
        assertThat(c.address("data-node-2", "client")).contains(new HostPort("127.0.0.4", 31005));
        assertThat(c.address("data-node-2", "metrics")).contains(new HostPort("127.0.0.4", 9404));
        // two tasks serve admin: the first task declaring it answers
        assertThat(c.address("data-node-2", "admin")).contains(new HostPort("127.0.0.4", 31006));
        // data-node-2 is second in the endpoint list, yet its own address is found
        assertThat(c.endpoints().addresses().get("client")).containsExactly("127.0.0.2:31000", "127.0.0.4:31005");
    }

    @Test
    void noAddressWithoutAHomeOrForAnEndpointTheInstanceDoesNotServe() {
        HookContext c = context(home(0, "127.0.0.2", Map.of("server", "[9404-9404,31000-31002]")),
                home(1, "", Map.of()));

        assertThat(c.address("data-node-1", "client")).isEmpty();
        assertThat(c.address("data-node-7", "client")).isEmpty();
        assertThat(c.address("data-node-0", "gossip")).isEmpty();
        assertThat(c.address("data-node-0", "jmx")).isEmpty();
    }
}
