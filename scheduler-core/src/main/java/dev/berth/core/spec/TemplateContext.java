package dev.berth.core.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task's config templates see when the task is launched, under names every package can rely
 * on. Kept as one value so that the launcher fills it and package authors read one list of names:
 * <ul>
 *   <li>the options, nested by their dots: {@code {{hello.message}}}</li>
 *   <li>{@code {{service.name}}}</li>
 *   <li>{@code {{pod.type}}} ({@code hello}), {@code {{pod.index}}} ({@code 0}),
 *       {@code {{pod.instance}}} ({@code hello-0}), {@code {{#pod.first}}…{{/pod.first}}} for instance 0 only</li>
 *   <li>{@code {{task.name}}} ({@code server}), {@code {{task.instance}}} ({@code hello-0-server})</li>
 *   <li>{@code {{agent.ip}}}, {@code {{agent.attributes.zone}}}</li>
 *   <li>{@code {{ports.NAME}}}: the port assigned to the task's port {@code NAME}</li>
 *   <li>{@code {{endpoints.NAME}}}: {@code host:port,host:port} of the instances launched before
 *       this one that advertise endpoint {@code NAME} (e.g. a seed list)</li>
 *   <li>{@code {{config.id}}}: the id of the target config the task is launched with</li>
 * </ul>
 */
public record TemplateContext(String serviceName, Map<String, Object> options, String podType, int podIndex,
                              String taskName, String agentIp, Map<String, String> agentAttributes,
                              Map<String, Integer> ports, Map<String, List<String>> endpoints, String configId) {
    public TemplateContext {
        Objects.requireNonNull(serviceName, "serviceName");
        options = options == null ? Map.of() : options;
        Objects.requireNonNull(podType, "podType");
        Objects.requireNonNull(taskName, "taskName");
        agentIp = agentIp == null ? "" : agentIp;
        agentAttributes = agentAttributes == null ? Map.of() : Map.copyOf(agentAttributes);
        ports = ports == null ? Map.of() : Map.copyOf(ports);
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        configId = configId == null ? "" : configId;
    }

    /** The map handed to {@link ConfigRenderer#render(String, Map)}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(options);
        String instance = podType + "-" + podIndex;
        map.put("service", merged(options.get("service"), Map.of("name", serviceName)));
        // pod.first: Mustache sections test truth, and index 0 is the first instance (a seed, a standalone controller)
        map.put("pod", Map.of("type", podType, "index", podIndex, "instance", instance, "first", podIndex == 0));
        map.put("task", Map.of("name", taskName, "instance", instance + "-" + taskName));
        map.put("agent", Map.of("ip", agentIp, "attributes", agentAttributes));
        map.put("ports", ports);
        map.put("endpoints", new JoinedEndpoints(endpoints));
        map.put("config", Map.of("id", configId));
        return map;
    }

    /** {@code extra} laid over an option group of the same name, if the options have one. */
    static Map<String, Object> merged(Object group, Map<String, Object> extra) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (group instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
        }
        result.putAll(extra);
        return result;
    }

    /**
     * Endpoint name to {@code host:port,host:port}, joined when a template reads the name: a large service's
     * lists are long, and most templates read none of them.
     */
    private static final class JoinedEndpoints extends java.util.AbstractMap<String, String> {
        private final Map<String, List<String>> endpoints;

        JoinedEndpoints(Map<String, List<String>> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public String get(Object name) {
            List<String> addresses = endpoints.get(name);
            return addresses == null ? null : String.join(",", addresses);
        }

        @Override
        public boolean containsKey(Object name) {
            return endpoints.containsKey(name);
        }

        @Override
        public java.util.Set<Entry<String, String>> entrySet() {
            Map<String, String> joined = new LinkedHashMap<>();
            endpoints.forEach((name, addresses) -> joined.put(name, String.join(",", addresses)));
            return java.util.Collections.unmodifiableMap(joined).entrySet();
        }
    }
}
