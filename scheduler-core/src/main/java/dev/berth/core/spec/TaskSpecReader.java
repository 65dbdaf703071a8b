package dev.berth.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.artifact.ArtifactCoordinate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the tasks of a pod ({@code tasks.TASK}: goal, command, environment, artifacts, resources, ports,
 * config templates from the package's {@code templates/}, readiness and health checks, grace period),
 * reporting every problem with its path to the {@link SpecReading}.
 */
final class TaskSpecReader {
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> TASK_FIELDS = List.of("goal", "cmd", "env", "artifacts", "java", "cpus",
            "memory", "ports", "configs", "readiness", "health", "kill-grace-period", "tls");
    private static final List<String> PORT_FIELDS = List.of("port", "env-key", "endpoint", "endpoint-instances");
    private static final List<String> CONFIG_FIELDS = List.of("template", "dest");
    private static final List<String> TLS_FIELDS = List.of("validity");
    private static final List<String> CHECK_FIELDS = List.of("cmd", "interval", "delay", "timeout", "max-failures");

    private final SpecReading reading;
    private final Map<String, String> templates;

    TaskSpecReader(SpecReading reading, Map<String, String> templates) {
        this.reading = reading;
        this.templates = templates;
    }

    /** The task {@code taskName} at {@code path}; null when it has a problem (reported). */
    TaskSpec task(String taskName, JsonNode node, String path) {
        boolean named = reading.nameAt(path, taskName);
        YamlMapping task = YamlMapping.of(node, path, reading.problems, "a task", TASK_FIELDS);
        if (task == null) {
            return null;
        }
        GoalState goal = task.enumValue("goal", GoalState.class, GoalState.RUNNING);
        String cmd = task.requiredText("cmd");
        if (cmd != null && cmd.isBlank()) {
            task.report("cmd", "is empty; expected a shell command");
            cmd = null;
        }
        Map<String, String> env = new LinkedHashMap<>();
        task.entries("env").forEach((key, value) -> {
            String at = task.at("env") + "." + key;
            if (!ENV.matcher(key).matches()) {
                reading.problems.add(new Violation(at, "'" + key + "' is not an environment variable name; use letters, digits and '_'"));
            } else if (!value.isValueNode() || value.isNull()) {
                reading.problems.add(new Violation(at, YamlMapping.show(value) + " is not a text"));
            } else {
                env.put(key, value.asText());
            }
        });
        List<String> artifacts = new ArrayList<>();
        List<JsonNode> artifactNodes = task.list("artifacts");
        for (int i = 0; i < artifactNodes.size(); i++) {
            String at = task.at("artifacts") + "[" + i + "]";
            JsonNode a = artifactNodes.get(i);
            try {
                if (!a.isTextual()) {
                    throw new IllegalArgumentException(YamlMapping.show(a) + " is not a text; expected "
                            + ArtifactCoordinate.ALLOWED_FORMS);
                }
                ArtifactCoordinate.parse(a.asText());
                artifacts.add(a.asText());
            } catch (IllegalArgumentException e) {
                reading.problems.add(new Violation(at, e.getMessage()));
            }
        }
        String java = task.text("java").orElse("");
        Double cpus = task.number("cpus", null, 0, 1024);
        Long memory = task.integer("memory", null, 1, 16L * 1024 * 1024);

        List<PortSpec> ports = new ArrayList<>();
        task.entries("ports").forEach((portName, portNode) -> {
            PortSpec port = port(portName, portNode, task.at("ports") + "." + portName);
            if (port != null) {
                ports.add(port);
            }
        });
        List<ConfigTemplate> configs = new ArrayList<>();
        task.entries("configs").forEach((configName, configNode) -> {
            ConfigTemplate config = config(configName, configNode, task.at("configs") + "." + configName);
            if (config != null) {
                configs.add(config);
            }
        });
        Optional<CheckSpec> readiness = check(task, "readiness");
        Optional<CheckSpec> health = check(task, "health");
        Duration grace = task.duration("kill-grace-period", Duration.ofSeconds(30));
        Optional<TlsSpec> tls = tls(task);
        if (!named || goal == null || cmd == null || cpus == null || memory == null || grace == null
                || ports.size() != task.entries("ports").size() || configs.size() != task.entries("configs").size()
                || readiness == null || health == null || tls == null) {
            return null;
        }
        return new TaskSpec(taskName, goal, cmd, env, artifacts, java, cpus, memory, ports, configs, readiness, health,
                grace, tls);
    }

    private PortSpec port(String portName, JsonNode node, String path) {
        boolean named = reading.nameAt(path, portName);
        YamlMapping port = YamlMapping.of(node, path, reading.problems, "a port", PORT_FIELDS);
        if (port == null) {
            return null;
        }
        Long number = port.integer("port", 0L, 0, 65_535);
        String envKey = port.text("env-key").orElse(null);
        if (envKey != null && !ENV.matcher(envKey).matches()) {
            port.report("env-key", "'" + envKey + "' is not an environment variable name; use letters, digits and '_'");
            return null;
        }
        String endpoint = port.text("endpoint").orElse("");
        if (!endpoint.isEmpty() && !SpecParser.NAME.matcher(endpoint).matches()) {
            port.report("endpoint", "'" + endpoint + "' is not a valid name; use " + SpecReading.NAME_RULE);
            return null;
        }
        Long instances = port.integer("endpoint-instances", 0L, 1, Integer.MAX_VALUE);
        if (instances != null && instances > 0 && endpoint.isEmpty()) {
            port.report("endpoint-instances", instances + " without an endpoint; set endpoint too, or leave it out");
            return null;
        }
        return !named || number == null || instances == null ? null
                : new PortSpec(portName, number.intValue(), envKey, endpoint, instances.intValue());
    }

    private ConfigTemplate config(String configName, JsonNode node, String path) {
        boolean named = reading.nameAt(path, configName);
        YamlMapping config = YamlMapping.of(node, path, reading.problems, "a config file", CONFIG_FIELDS);
        if (config == null) {
            return null;
        }
        String templateName = config.requiredText("template");
        String content = null;
        if (templateName != null) {
            content = templates.get(templateName);
            if (content == null) {
                config.report("template", "'" + templateName + "' is not in the package's templates; "
                        + (templates.isEmpty() ? "it has none" : "it has " + String.join(", ", new TreeSet<>(templates.keySet()))));
            }
        }
        String dest = reading.relativePath(config, "dest");
        return !named || content == null || dest == null ? null : new ConfigTemplate(configName, content, dest);
    }

    /** {@code tls: {validity: 90d}}: {@code Optional.empty()} when absent, {@code null} when wrong (reported). */
    private Optional<TlsSpec> tls(YamlMapping task) {
        if (!task.has("tls")) {
            return Optional.empty();
        }
        YamlMapping tls = YamlMapping.of(task.raw("tls"), task.at("tls"), reading.problems, "TLS settings", TLS_FIELDS);
        if (tls == null) {
            return null;
        }
        Duration validity = tls.duration("validity", TlsSpec.DEFAULT_VALIDITY);
        if (validity != null && (validity.compareTo(TlsSpec.MIN_VALIDITY) < 0 || validity.compareTo(TlsSpec.MAX_VALIDITY) > 0)) {
            // as written: 10m would show as 0h
            tls.report("validity", YamlMapping.show(tls.raw("validity"))
                    + " is out of range; a node's certificate is valid for 1h to 825d");
            return null;
        }
        return validity == null ? null : Optional.of(new TlsSpec(validity));
    }

    /** {@code Optional.empty()} when absent, {@code null} when wrong (reported). */
    private Optional<CheckSpec> check(YamlMapping task, String field) {
        if (!task.has(field)) {
            return Optional.empty();
        }
        YamlMapping check = YamlMapping.of(task.raw(field), task.at(field), reading.problems, "a check", CHECK_FIELDS);
        if (check == null) {
            return null;
        }
        String cmd = check.requiredText("cmd");
        Duration interval = check.duration("interval", Duration.ofSeconds(5));
        Duration delay = check.duration("delay", Duration.ZERO);
        Duration timeout = check.duration("timeout", Duration.ofSeconds(10));
        Long maxFailures = check.integer("max-failures", 3L, 1, 1_000);
        if (interval != null && interval.isZero()) {
            check.report("interval", "0s is too short; a check needs an interval above 0");
            interval = null;
        }
        if (timeout != null && timeout.isZero()) {
            check.report("timeout", "0s is too short; a check needs a timeout above 0");
            timeout = null;
        }
        if (cmd == null || interval == null || delay == null || timeout == null || maxFailures == null) {
            return null;
        }
        return Optional.of(new CheckSpec(cmd, interval, delay, timeout, maxFailures.intValue()));
    }
}
