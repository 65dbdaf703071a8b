package dev.berth.core.sdk.hooks;

import dev.berth.core.pkg.OptionRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a package computes its template values from ({@link ServiceHooks#templateValues}): the context a
 * task's config templates see ({@link dev.berth.core.spec.TemplateContext}), read through typed accessors
 * so that no package digs in the nested map with casts of its own. Read-only.
 *
 * <p>An update renders the templates with no agent, ports or endpoints, to see which options change the
 * files: those accessors then answer empty ({@code ""}, no port, no addresses), never fail.
 */
public final class TemplateInput {
    private final Map<String, Object> context;

    private TemplateInput(Map<String, Object> context) {
        this.context = Map.copyOf(context);
    }

    /** A view of {@code context}, the map the templates see. */
    public static TemplateInput of(Map<String, Object> context) {
        return new TemplateInput(context);
    }

    /** {@code pod.type}: the pod of the instance launched ({@code broker}); empty text when not given. */
    public String podType() {
        return value("pod", "type").map(Object::toString).orElse("");
    }

    /** {@code pod.index}: the index of the instance launched, {@code 2} for {@code broker-2}. */
    public int podIndex() {
        String expected = "the index of the pod instance, 0 or more";
        Object index = value("pod", "index").orElseThrow(() -> invalid("pod.index", "missing", expected));
        return whole(index, 0).orElseThrow(() -> invalid("pod.index", "'" + index + "' is not valid", expected));
    }

    /** {@code agent.ip}: the address of the agent the task is launched on; empty text on an update's render. */
    public String agentIp() {
        return value("agent", "ip").map(Object::toString).orElse("");
    }

    /** {@code agent.attributes}: the agent's attributes ({@code zone}, {@code rack}), by name. */
    public Map<String, String> agentAttributes() {
        Map<String, String> out = new LinkedHashMap<>();
        value("agent", "attributes").map(a -> group("agent.attributes", a))
                .ifPresent(a -> a.forEach((k, v) -> out.put(k, String.valueOf(v))));
        return Map.copyOf(out);
    }

    /** {@code ports.NAME}: the port assigned to the task's port {@code name}; empty when it has none (yet). */
    public Optional<Integer> port(String name) {
        return value("ports", name).map(p -> whole(p, 1).filter(n -> n <= 65535).orElseThrow(() ->
                invalid("ports." + name, "'" + p + "' is not valid", "a port number, 1 to 65535")));
    }

    /**
     * The task's own address for its port {@code name}: the agent's address and that port, as another
     * instance would reach it. Empty while either is unknown (an update renders without them).
     */
    public Optional<HostPort> address(String portName) {
        String ip = agentIp();
        return ip.isEmpty() ? Optional.empty() : port(portName).map(p -> new HostPort(ip, p));
    }

    /**
     * {@code endpoints.NAME}: the addresses of the instances launched before this one that serve endpoint
     * {@code name}, in instance order; empty when none does.
     */
    public List<HostPort> endpoint(String name) {
        String text = value("endpoints", name).map(Object::toString).orElse("");
        try {
            return Arrays.stream(text.split(",")).map(String::trim).filter(a -> !a.isEmpty()).map(HostPort::parse).toList();
        } catch (IllegalArgumentException e) {
            throw invalid("endpoints." + name, "'" + text + "' is not valid (" + e.getMessage() + ")",
                    "HOST:PORT,HOST:PORT,…");
        }
    }

    /** {@code replace_ip}: the address of the instance this launch replaces, on a replace only. */
    public Optional<String> replacedIp() {
        return Optional.ofNullable(context.get("replace_ip")).map(Object::toString);
    }

    /** The option {@code key} ({@code cassandra.yaml_extra}) as text; a list's items joined by commas. */
    public Optional<String> optionText(String key) {
        return option(key).map(v -> v instanceof List<?> items
                ? String.join(",", items.stream().map(String::valueOf).toList()) : v.toString());
    }

    /** The option {@code key} ({@code brokers.count}) as a whole number. */
    public Optional<Long> optionNumber(String key) {
        return option(key).map(v -> OptionRules.number(v).orElseThrow(() ->
                invalid(key, "'" + v + "' is not valid", "a whole number")));
    }

    /** The option {@code key} ({@code cassandra.fast_join}) as true or false. */
    public Optional<Boolean> optionBoolean(String key) {
        return option(key).map(v -> {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
                return Boolean.valueOf(s);
            }
            throw invalid(key, "'" + v + "' is not valid", "true or false");
        });
    }

    /** An option's value, found by the dots of its key in the options nested by them; a group is not a value. */
    private Optional<Object> option(String key) {
        String[] parts = key.split("\\.");
        Object at = context;
        for (String part : parts) {
            if (!(at instanceof Map<?, ?> group)) {
                return Optional.empty();
            }
            at = group.get(part);
        }
        if (at instanceof Map<?, ?> group) {
            throw invalid(key, "is a group of options " + group.keySet(), "the key of one option in it");
        }
        return Optional.ofNullable(at);
    }

    /** The value {@code key} of the context's group {@code group} ({@code agent}, {@code ip}). */
    private Optional<Object> value(String group, String key) {
        Object g = context.get(group);
        if (g == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(group(group, g).get(key));
    }

    /** An int of at least {@code min}, as the context holds numbers (Integer, or Long from options). */
    private static Optional<Integer> whole(Object value, int min) {
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= min
                && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return Optional.of(((Number) value).intValue());
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(String name, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw invalid(name, "'" + value + "' is not valid", "a group of values, as TemplateContext makes it");
        }
        return (Map<String, Object>) value;
    }

    private static IllegalArgumentException invalid(String field, String problem, String expected) {
        return new IllegalArgumentException("template context " + field + ": " + problem + "; expected " + expected);
    }

    @Override
    public String toString() {
        return "TemplateInput" + context.keySet();
    }
}
