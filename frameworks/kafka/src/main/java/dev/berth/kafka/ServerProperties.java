package dev.berth.kafka;

import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code kafka.server_properties} option: broker settings a DBA passes through to every broker's
 * server.properties, written {@code key=value} separated by {@code ;} or new lines (Kafka's list
 * values keep their commas), e.g. {@code log.retention.hours=24;num.io.threads=4}. Settings Berth
 * itself decides (node id, roles, listeners, the quorum, the log dirs) are refused: changing them
 * would break the node's identity or its volume.
 */
public final class ServerProperties {
    public static final String OPTION = "kafka.server_properties";

    /** Keys Berth writes from the pod's identity and resources. */
    static final Set<String> OWNED = Set.of("node.id", "broker.id", "process.roles", "listeners", "advertised.listeners",
            "controller.listener.names", "listener.security.protocol.map", "inter.broker.listener.name",
            "controller.quorum.bootstrap.servers", "controller.quorum.voters", "log.dirs", "log.dir",
            "metadata.log.dir");

    private ServerProperties() {
    }

    /** The settings in the order given; refused (with every problem) when one is malformed or owned by Berth. */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Violation> problems = new ArrayList<>();
        for (String entry : text.split("[;\\n]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                problems.add(new Violation(OPTION, "'" + e + "' is not KEY=VALUE"));
                continue;
            }
            String key = e.substring(0, eq).trim();
            if (OWNED.contains(key)) {
                problems.add(new Violation(OPTION, key + " is set by Berth from the broker's pod; it cannot be passed through"));
                continue;
            }
            out.put(key, e.substring(eq + 1).trim());
        }
        if (!problems.isEmpty()) {
            throw new SpecException("invalid " + OPTION, problems);
        }
        return out;
    }

    /** Every problem of the option's value; empty when it is absent or fine. */
    public static List<Violation> violations(Map<String, Object> options) {
        Object v = options.get(OPTION);
        if (v == null) {
            return List.of();
        }
        try {
            parse(v.toString());
            return List.of();
        } catch (SpecException e) {
            return e.violations();
        }
    }

    /** The lines for server.properties of the option's value; empty text for none. */
    static String lines(String value) {
        StringBuilder out = new StringBuilder();
        parse(value).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }
}
