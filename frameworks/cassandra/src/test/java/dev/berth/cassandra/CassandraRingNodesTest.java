package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.reservations.Resources;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hooks find each node's JMX port in its own reservation and what Berth knows of its server task. */
class CassandraRingNodesTest {
    final Package cassandra = PackageRepository.classpath().get("cassandra");

    HookContext context(Map<Integer, String> homes, Map<String, TaskRecord> tasks) {
        Options options = cassandra.options(Map.of("nodes.count", "3", "cassandra.authentication", "false"));
        ServiceSpec spec = cassandra.render("cassandra", options);
        Map<String, PodInstanceRecord> pods = new HashMap<>();
        homes.forEach((i, ip) -> pods.put("node-" + i, new PodInstanceRecord("node-" + i, "node", i,
                ip.isEmpty() ? "" : "agent-" + i, "host-" + i, ip, Map.of(), ip.isEmpty() ? Map.of()
                : Map.of("server", Resources.parse("cpus:0.5;mem:1536;ports:[3100" + i + "-3100" + (i + 2) + "]")),
                List.of(), Optional.empty(), List.of())));
        ServiceTarget target = new ServiceTarget("c1", "cassandra", "0.1.0", options.values(), options.given(), spec, Instant.EPOCH);
        return new HookContext(target, pods, tasks, Endpoints.of(spec, pods, tasks));
    }

    static TaskRecord server(String instance, TaskState state, boolean ready) {
        return new TaskRecord(instance + "-server", instance, "c1", null, Optional.of(new TaskStatus(instance + "-server__1",
                "agent", state, TaskStatus.Reason.NONE, "", Optional.empty(), Optional.empty(), ready, Instant.EPOCH, "u")));
    }

    @Test
    void nodesWithAHomeInInstanceOrderWithTheirOwnJmxPortAndServerTask() {
        HookContext c = context(Map.of(2, "127.0.0.4", 0, "127.0.0.2", 1, ""),
                Map.of("node-0-server", server("node-0", TaskState.RUNNING, true),
                        "node-2-server", server("node-2", TaskState.LOST, false)));

        // storage, native-client, jmx in svc.yaml's order: jmx is the third port of each reservation
        assertThat(RingNodes.of(c)).containsExactly(
                new RingNode("node-0", 0, "127.0.0.2", 31002, Optional.empty()),
                new RingNode("node-2", 2, "127.0.0.4", 31004, Optional.of("its server task is LOST")));
        assertThat(RingNodes.find(c, "node-1")).isEmpty();
        assertThat(RingNodes.find(c, "node-2")).map(RingNode::jmxPort).contains(31004);
    }

    @Test
    void aNodeWhoseServerTaskBerthHasNotHeardOfIsInTrouble() {
        HookContext c = context(Map.of(0, "127.0.0.2"), Map.of());
        assertThat(RingNodes.of(c)).singleElement().satisfies(n ->
                assertThat(n.trouble()).contains("its server task has not started"));
    }
}
