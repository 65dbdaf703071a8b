package dev.berth.kafka;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the package's config templates see under {@code package}, decided from the broker count and the
 * pod index (see {@link KafkaLayout}): whether this broker is a controller, whether it formats the
 * quorum ({@code standalone}, broker-0's first start) or joins it, the controllers it bootstraps from, the
 * replication of internal topics (as wide as the brokers allow, up to three), and the pass-through
 * server properties.
 */
final class KafkaTemplateValues {
    private KafkaTemplateValues() {
    }

    static Map<String, Object> of(Map<String, Object> context) {
        int index = ((Number) group(context, "pod").get("index")).intValue();
        KafkaLayout layout = new KafkaLayout(((Number) group(context, "brokers").get("count")).intValue());
        int internalRf = layout.controllers();
        Map<String, Object> values = new LinkedHashMap<>();
        boolean controller = layout.isController(index);
        values.put("controller", controller);
        // broker-0 formats the quorum on its very first start only; a replaced broker-0 (a fresh volume on
        // another agent) joins the quorum the others keep, as broker-1 and broker-2 always do
        values.put("standalone", index == 0 && !context.containsKey("replace_ip"));
        values.put("internal_rf", internalRf);
        values.put("internal_min_isr", internalRf >= 3 ? 2 : 1);
        values.put("server_properties", ServerProperties.lines(group(context, "kafka").get("server_properties")));
        values.put("quorum_bootstrap", String.join(",", quorumBootstrap(context, controller)));
        return values;
    }

    /**
     * Where this node finds the quorum: the controller listeners of the other instances that have a home
     * (a broker-only instance reserves the port without listening; Kafka skips a bootstrap address that
     * refuses), and its own when it is a controller. On the first deploy that is the controllers before it.
     */
    private static Set<String> quorumBootstrap(Map<String, Object> context, boolean controller) {
        Set<String> out = new LinkedHashSet<>();
        Object known = group(context, "endpoints").get("controller");
        if (known != null && !known.toString().isEmpty()) {
            out.addAll(Arrays.asList(known.toString().split(",")));
        }
        if (controller) {
            out.add(group(context, "agent").get("ip") + ":" + group(context, "ports").get("controller"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("the template context has no '" + key + "' group");
        }
        return (Map<String, Object>) v;
    }
}
