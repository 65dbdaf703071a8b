package dev.berth.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the pods of a service spec ({@code pods.POD}: count, placement rules, volumes, its tasks through
 * {@link TaskSpecReader}), reporting every problem with its path to the {@link SpecReading}.
 */
final class PodSpecReader {
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final List<String> POD_FIELDS =
            List.of("count", "allow-decommission", "user", "placement", "volumes", "tasks");
    private static final List<String> VOLUME_FIELDS = List.of("path", "size", "type");
    private static final List<String> PLACEMENT_KINDS = List.of("unique", "spread", "limit", "restrict");

    private final SpecReading reading;
    private final TaskSpecReader taskReader;

    PodSpecReader(SpecReading reading, TaskSpecReader tasks) {
        this.reading = reading;
        this.taskReader = tasks;
    }

    /** The pod {@code podName} at {@code path}; null when it has a problem (reported). */
    PodSpec pod(String podName, JsonNode node, String path) {
        boolean named = reading.nameAt(path, podName);
        YamlMapping pod = YamlMapping.of(node, path, reading.problems, "a pod", POD_FIELDS);
        if (pod == null) {
            return null;
        }
        Long count = pod.integer("count", null, 0, 10_000);
        boolean allowDecommission = pod.bool("allow-decommission", false);
        Optional<String> user = pod.text("user");

        List<PlacementRule> placement = new ArrayList<>();
        List<JsonNode> rules = pod.list("placement");
        for (int i = 0; i < rules.size(); i++) {
            PlacementRule rule = placementRule(rules.get(i), pod.at("placement") + "[" + i + "]");
            if (rule != null) {
                placement.add(rule);
            }
        }

        List<VolumeSpec> volumes = new ArrayList<>();
        Set<String> volumePaths = new HashSet<>();
        List<JsonNode> volumeNodes = pod.list("volumes");
        for (int i = 0; i < volumeNodes.size(); i++) {
            String at = pod.at("volumes") + "[" + i + "]";
            VolumeSpec volume = volume(volumeNodes.get(i), at);
            if (volume != null) {
                if (!volumePaths.add(volume.path())) {
                    reading.problems.add(new Violation(at + ".path", "'" + volume.path() + "' is the path of another volume of this pod"));
                } else {
                    volumes.add(volume);
                }
            }
        }

        List<TaskSpec> tasks = new ArrayList<>();
        Map<String, JsonNode> taskNodes = pod.entries("tasks");
        if (taskNodes.isEmpty() && !reading.problemAt(pod.at("tasks"))) {
            pod.report("tasks", "missing; a pod needs at least one task");
        }
        taskNodes.forEach((taskName, taskNode) -> {
            TaskSpec task = taskReader.task(taskName, taskNode, pod.at("tasks") + "." + taskName);
            if (task != null) {
                tasks.add(task);
            }
        });
        checkPorts(pod, tasks);
        if (!named || count == null || tasks.size() != taskNodes.size() || tasks.isEmpty()) {
            return null;
        }
        return new PodSpec(podName, count.intValue(), placement, volumes, tasks, user, allowDecommission);
    }

    private PlacementRule placementRule(JsonNode node, String path) {
        if (!node.isObject() || node.size() != 1) {
            reading.problems.add(new Violation(path, YamlMapping.show(node) + " is not a placement rule; use one of "
                    + "{unique: agent}, {spread: ATTRIBUTE}, {limit: {attribute: ATTRIBUTE, max: N}}, "
                    + "{restrict: {attribute: ATTRIBUTE, values: [V, ...]}}"));
            return null;
        }
        String kind = node.fieldNames().next();
        JsonNode value = node.get(kind);
        String at = path + "." + kind;
        switch (kind) {
            case "unique" -> {
                if (value.isTextual() && value.asText().equals("agent")) {
                    return new PlacementRule.UniqueAgent();
                }
                reading.problems.add(new Violation(at, YamlMapping.show(value) + " is not supported; write unique: agent"));
                return null;
            }
            case "spread" -> {
                String attribute = attribute(value, at);
                return attribute == null ? null : new PlacementRule.SpreadBy(attribute);
            }
            case "limit" -> {
                YamlMapping limit = YamlMapping.of(value, at, reading.problems, "a limit", List.of("attribute", "max"));
                if (limit == null) {
                    return null;
                }
                String attribute = attribute(limit.raw("attribute"), limit.at("attribute"));
                Long max = limit.integer("max", null, 1, 10_000);
                return attribute == null || max == null ? null : new PlacementRule.LimitPer(attribute, max.intValue());
            }
            case "restrict" -> {
                YamlMapping restrict = YamlMapping.of(value, at, reading.problems, "a restriction", List.of("attribute", "values"));
                if (restrict == null) {
                    return null;
                }
                String attribute = attribute(restrict.raw("attribute"), restrict.at("attribute"));
                List<String> values = new ArrayList<>();
                List<JsonNode> items = restrict.list("values");
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).isValueNode() && !items.get(i).isNull()) {
                        values.add(items.get(i).asText());
                    } else {
                        reading.problems.add(new Violation(restrict.at("values") + "[" + i + "]",
                                YamlMapping.show(items.get(i)) + " is not a text"));
                    }
                }
                if (items.isEmpty() && !reading.problemAt(restrict.at("values"))) {
                    restrict.report("values", "missing; expected a list of allowed attribute values");
                }
                return attribute == null || values.isEmpty() || values.size() != items.size()
                        ? null : new PlacementRule.Restrict(attribute, values);
            }
            default -> {
                reading.problems.add(new Violation(at, "unknown placement rule; known: " + String.join(", ", PLACEMENT_KINDS)));
                return null;
            }
        }
    }

    private String attribute(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            reading.problems.add(new Violation(path, "missing; expected an agent attribute name such as zone or rack"));
            return null;
        }
        if (!value.isTextual() || !ATTRIBUTE.matcher(value.asText()).matches()) {
            reading.problems.add(new Violation(path, YamlMapping.show(value)
                    + " is not an attribute name; use letters, digits, '_', '-' and '.', such as zone or rack"));
            return null;
        }
        return value.asText();
    }

    private VolumeSpec volume(JsonNode node, String path) {
        YamlMapping volume = YamlMapping.of(node, path, reading.problems, "a volume", VOLUME_FIELDS);
        if (volume == null) {
            return null;
        }
        String volumePath = reading.relativePath(volume, "path");
        Long size = volume.sizeMib("size");
        String type = volume.text("type").map(t -> t.toUpperCase(java.util.Locale.ROOT)).orElse("ROOT");
        if (!type.equals("ROOT") && !type.equals("MOUNT")) {
            volume.report("type", "'" + volume.raw("type").asText() + "' is not a disk type; use ROOT or MOUNT");
            return null;
        }
        return volumePath == null || size == null ? null : new VolumeSpec(volumePath, size, type);
    }

    /** Port names and fixed port numbers must be unique in a pod: its tasks share the agent's ports and the env. */
    private void checkPorts(YamlMapping pod, List<TaskSpec> tasks) {
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> numbers = new HashMap<>();
        for (TaskSpec task : tasks) {
            for (PortSpec port : task.ports()) {
                String at = pod.at("tasks") + "." + task.name() + ".ports." + port.name();
                String other = names.putIfAbsent(port.name(), task.name());
                if (other != null) {
                    reading.problems.add(new Violation(at, "port name '" + port.name() + "' is also used by task " + other));
                }
                if (port.port() != 0) {
                    String otherNumber = numbers.putIfAbsent(port.port(), task.name() + "." + port.name());
                    if (otherNumber != null) {
                        reading.problems.add(new Violation(at + ".port", port.port() + " is also used by " + otherNumber));
                    }
                }
            }
        }
    }
}
