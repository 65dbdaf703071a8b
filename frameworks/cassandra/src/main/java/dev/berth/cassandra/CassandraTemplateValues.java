package dev.berth.cassandra;

import dev.berth.core.pkg.OptionRules;
import java.util.LinkedHashMap;
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

    private CassandraTemplateValues() {
    }

    static Map<String, Object> of(Map<String, Object> context) {
        Map<String, Object> out = new LinkedHashMap<>();
        String ip = text(context, "agent", "ip").orElse("");
        String self = text(context, "ports", "storage").map(p -> ip + ":" + p).orElse("");
        int count = number(context, "cassandra", "seeds").map(Long::intValue).orElse(1);
        out.put("seeds", Seeds.pick(text(context, "endpoints", "storage").orElse(""), count, self));
        out.put("rack", rack(map(context, "agent").map(a -> a.get("attributes")).filter(Map.class::isInstance)
                .map(a -> (Map<?, ?>) a).orElse(Map.of())));
        jmxPortOn(text(context, "endpoints", "jmx").orElse(""), ip).ifPresent(p -> out.put("jmx_port", p));
        int nodes = number(context, "nodes", "count").map(Long::intValue).orElse(3);
        out.put("auth_rf", Math.min(3, nodes));
        out.put("distributed_rf", Math.min(3, nodes));
        out.put("traces_rf", Math.min(2, nodes));
        long disk = number(context, "nodes", "disk").orElse(4096L);
        out.put("settings", YamlSettings.merged(disk, text(context, "cassandra", "yaml_extra").orElse("")));
        return out;
    }

    /** The rack of a node on an agent with these attributes. */
    static String rack(Map<?, ?> attributes) {
        for (String name : new String[] {"rack", "zone"}) {
            Object v = attributes.get(name);
            if (v != null && !v.toString().isBlank()) {
                return v.toString().trim();
            }
        }
        return DEFAULT_RACK;
    }

    /** The port of the endpoint on {@code ip}: one node per agent, so the agent's address names the node. */
    static Optional<Integer> jmxPortOn(String endpoints, String ip) {
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        for (String e : endpoints.split(",")) {
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.substring(0, colon).trim().equals(ip)) {
                try {
                    return Optional.of(Integer.parseInt(e.substring(colon + 1).trim()));
                } catch (NumberFormatException ignored) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Map<?, ?>> map(Map<String, Object> context, String key) {
        Object v = context.get(key);
        return v instanceof Map<?, ?> m ? Optional.of(m) : Optional.empty();
    }

    private static Optional<String> text(Map<String, Object> context, String group, String key) {
        return map(context, group).map(m -> m.get(key)).map(Object::toString);
    }

    private static Optional<Long> number(Map<String, Object> context, String group, String key) {
        return map(context, group).map(m -> m.get(key)).flatMap(OptionRules::number);
    }
}
