package dev.berth.kafka;

import dev.berth.core.sdk.hooks.HostPort;
import dev.berth.core.sdk.hooks.TemplateInput;
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
    /** The port of the controller listener in svc.yaml. */
    private static final String CONTROLLER_PORT = "controller";

    private KafkaTemplateValues() {
    }

    static Map<String, Object> of(TemplateInput context) {
        int index = context.podIndex();
        KafkaLayout layout = new KafkaLayout(context.optionNumber("brokers.count").orElseThrow(() ->
                new IllegalArgumentException("template context brokers.count: missing; expected the number of brokers")).intValue());
        int internalRf = layout.controllers();
        Map<String, Object> values = new LinkedHashMap<>();
        boolean controller = layout.isController(index);
        values.put("controller", controller);
        // broker-0 formats the quorum on its very first start only; a replaced broker-0 (a fresh volume on
        // another agent) joins the quorum the others keep, as broker-1 and broker-2 always do
        values.put("standalone", index == 0 && context.replacedIp().isEmpty());
        values.put("internal_rf", internalRf);
        values.put("internal_min_isr", internalRf >= 3 ? 2 : 1);
        values.put("server_properties", ServerProperties.lines(context.optionText(ServerProperties.OPTION).orElse("")));
        values.put("quorum_bootstrap", String.join(",", quorumBootstrap(context, controller)));
        // the client and inter-broker listener, named by its protocol (Kafka's defaults map SSL to SSL)
        values.put("listener", context.optionBoolean(KafkaOptionRules.TLS).orElse(false) ? "SSL" : "PLAINTEXT");
        return values;
    }

    /**
     * Where this node finds the quorum: the controller listeners of the other instances that have a home
     * (a broker-only instance reserves the port without listening; Kafka skips a bootstrap address that
     * refuses), and its own when it is a controller. On the first deploy that is the controllers before it.
     */
    private static Set<String> quorumBootstrap(TemplateInput context, boolean controller) {
        Set<String> out = new LinkedHashSet<>();
        context.endpoint(KafkaHooks.CONTROLLER_ENDPOINT).forEach(a -> out.add(a.toString()));
        if (controller) {
            context.address(CONTROLLER_PORT).map(HostPort::toString).ifPresent(out::add);
        }
        return out;
    }
}
