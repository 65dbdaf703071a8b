package dev.berth.cassandra;

import dev.berth.core.sdk.hooks.HostPort;
import dev.berth.core.sdk.hooks.TemplateInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code package.*} values of the cassandra templates, computed from what the templates see
 * ({@link dev.berth.core.spec.TemplateContext}): what a logic-less template cannot say.
 * <ul>
 *   <li>{@code seeds}: the first cassandra.seeds storage endpoints ({@link Seeds});</li>
 *   <li>{@code rack}: the agent's {@code rack} attribute, else its {@code zone}, else {@code rack1};</li>
 *   <li>{@code jmx_port}: the JMX port of the node on this agent, for the nodetool tasks, which have
 *       no port of their own (the server task's port is in the {@code jmx} endpoints);</li>
 *   <li>{@code settings}: Berth's defaults with cassandra.yaml_extra laid over them ({@link YamlSettings}).</li>
 *   <li>{@code auth_rf}, {@code distributed_rf}, {@code traces_rf}: the replication of the system
 *       keyspaces a new ring creates, Cassandra's 3, 3 and 2 (and 3 for system_auth, not its 1) but never
 *       more than nodes.count, so a ring of one node can log in and repair. The same from 3 nodes up,
 *       so a scale-up does not change the file and roll every node.</li>
 * </ul>
 * Depends on nothing but the context. An update renders with no agent, ports or endpoints to see
 * which options change the files: every value then still renders, empty where it would need them.
 */
final class CassandraTemplateValues {
    static final String DEFAULT_RACK = "rack1";
    /** The gossip port and endpoint of svc.yaml. */
    static final String STORAGE = "storage";

    private CassandraTemplateValues() {
    }

    static Map<String, Object> of(TemplateInput context) {
        Map<String, Object> out = new LinkedHashMap<>();
        int count = context.optionNumber(CassandraOptionRules.SEEDS).map(Long::intValue).orElse(1);
        out.put("seeds", Seeds.pick(context.endpoint(STORAGE), count, context.address(STORAGE)));
        out.put("rack", rack(context.agentAttributes()));
        jmxPortOn(context.endpoint(RingNodes.JMX_ENDPOINT), context.agentIp()).ifPresent(p -> out.put("jmx_port", p));
        int nodes = context.optionNumber(CassandraOptionRules.COUNT).map(Long::intValue).orElse(3);
        out.put("auth_rf", Math.min(3, nodes));
        out.put("distributed_rf", Math.min(3, nodes));
        out.put("traces_rf", Math.min(2, nodes));
        long disk = context.optionNumber("nodes.disk").orElse(4096L);
        out.put("settings", YamlSettings.merged(disk, context.optionText(YamlSettings.OPTION).orElse("")));
        return out;
    }

    /** The rack of a node on an agent with these attributes. */
    static String rack(Map<String, String> attributes) {
        for (String name : new String[] {"rack", "zone"}) {
            String v = attributes.get(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return DEFAULT_RACK;
    }

    /** The port of the endpoint on {@code ip}: one node per agent, so the agent's address names the node. */
    static Optional<Integer> jmxPortOn(List<HostPort> endpoints, String ip) {
        return endpoints.stream().filter(a -> a.host().equals(ip)).map(HostPort::port).findFirst();
    }
}
