package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.sdk.offer.PlacedInstances;
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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A port every instance reserves but only the first ones serve on ({@code endpoint-instances}) is
 * advertised by those only: in the endpoint lists, in the placed instances' index the templates read,
 * and to a hook asking where an instance serves it.
 */
class EndpointInstancesTest {
    static final TaskSpec SERVER = new TaskSpec("server", GoalState.RUNNING, "run", Map.of(), List.of(), "", 0.1, 64,
            List.of(new PortSpec("client", 0, null, "client"), new PortSpec("ctl", 0, null, "ctl", 3)), List.of(),
            Optional.empty(), Optional.empty(), null);
    static final ServiceSpec SPEC = new ServiceSpec("db", "db-role", "db-principal",
            List.of(new PodSpec("node", 5, List.of(), List.of(), List.of(SERVER), Optional.empty())), List.of());

    static PodInstanceRecord home(int index) {
        int base = 31000 + 10 * index;
        return new PodInstanceRecord("node-" + index, "node", index, "agent-" + index, "host-" + index, "127.0.0." + (2 + index),
                Map.of(), Map.of("server", Resources.parse("cpus:0.1;mem:64;ports:[" + base + "-" + (base + 1) + "]")), List.of(),
                Optional.empty(), List.of());
    }

    @Test
    void onlyTheFirstInstancesAdvertiseAnEndpointLimitedToThem() {
        Map<String, PodInstanceRecord> pods = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            pods.put("node-" + i, home(i));
        }
        Endpoints endpoints = Endpoints.of(SPEC, pods, Map.of());
        assertThat(endpoints.addresses().get("client")).hasSize(5);
        assertThat(endpoints.addresses().get("ctl")).containsExactly("127.0.0.2:31001", "127.0.0.3:31011", "127.0.0.4:31021");
        assertThat(PlacedInstances.of(SPEC, pods.values()).endpoints()).isEqualTo(endpoints.addresses());

        HookContext context = new HookContext(new ServiceTarget("c1", "db", "1.0.0", Map.of(), Map.of(), SPEC, Instant.EPOCH),
                pods, Map.of(), endpoints);
        assertThat(context.address("node-2", "ctl")).contains(new HostPort("127.0.0.4", 31021));
        assertThat(context.address("node-3", "ctl")).isEmpty();
        // its other endpoint it serves as any instance does
        assertThat(context.address("node-3", "client")).contains(new HostPort("127.0.0.5", 31030));
    }

    @Test
    void aPortStoredBeforeTheLimitExistedIsAdvertisedByEveryInstanceAndTheLimitSurvivesTheStateStore() throws Exception {
        var json = dev.berth.core.json.BerthJson.mapper();
        PortSpec old = json.readValue("{\"name\":\"ctl\",\"port\":0,\"envKey\":\"PORT_CTL\",\"endpoint\":\"ctl\"}", PortSpec.class);
        assertThat(old).isEqualTo(new PortSpec("ctl", 0, "PORT_CTL", "ctl", 0));
        assertThat(old.advertisedBy(7)).isTrue();
        PortSpec limited = new PortSpec("ctl", 0, null, "ctl", 3);
        assertThat(json.readValue(json.writeValueAsString(limited), PortSpec.class)).isEqualTo(limited);
    }
}
