package dev.berth.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.core.artifact.ArtifactCoordinate;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a rendered service spec (YAML in the style of dcos-commons' {@code svc.yml}) into a
 * {@link ServiceSpec}, strictly: an unknown field, a wrong type, a value out of range, a reference to a
 * pod, task or config template that does not exist are all refused, each with its YAML path, and all
 * of them at once. Malformed YAML is refused with its line and column. Defaults it fills in: role
 * {@code berth/<name>}, principal {@code <name>}, and a serial {@code deploy} plan with one serial phase
 * per pod when the spec declares none.
 *
 * <p>The shape, field by field:
 * <pre>
 * name: hello                     # required; lower-case letters, digits, '-'
 * role: berth/hello               # optional
 * principal: hello                # optional
 * pods:
 *   POD:
 *     count: 3                    # required, >= 0
 *     allow-decommission: false   # may the count go down (the package knows how to decommission)
 *     user: nobody                # optional
 *     placement:                  # list of rules, each a single-key mapping
 *       - unique: agent
 *       - spread: zone
 *       - limit: {attribute: rack, max: 1}
 *       - restrict: {attribute: zone, values: [a, b]}
 *     volumes:
 *       - {path: data, size: 16, type: ROOT}      # size in MiB, or 16MiB / 2GiB; type ROOT or MOUNT
 *     tasks:
 *       TASK:
 *         goal: RUNNING           # RUNNING (default), FINISHED or ONCE
 *         cmd: "..."              # required, run with sh -c in the sandbox
 *         env: {KEY: value}
 *         artifacts: [maven:group:artifact:version]
 *         java: "17"
 *         cpus: 0.5               # required, above 0
 *         memory: 256             # required, MiB
 *         ports: {NAME: {port: 0, env-key: PORT_NAME, endpoint: NAME}}
 *         configs: {NAME: {template: FILE-IN-PACKAGE-TEMPLATES, dest: PATH-IN-SANDBOX}}
 *         readiness: {cmd: "...", interval: 5s, delay: 0s, timeout: 10s}
 *         health: {cmd: "...", interval: 5s, delay: 0s, timeout: 10s, max-failures: 3}
 *         kill-grace-period: 30s
 * plans:
 *   PLAN:
 *     strategy: serial            # serial (default), parallel or canary
 *     phases:
 *       PHASE: {pod: POD, strategy: serial, tasks: [TASK]}   # tasks: all of the pod's when absent
 * </pre>
 */
public final class SpecParser {
    /** Names of services, pods, tasks, ports, configs, plans and phases. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    static final String NAME_RULE = "lower-case letters, digits and '-', not starting or ending with '-'";
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> SERVICE_FIELDS = List.of("name", "role", "principal", "pods", "plans");
    private static final List<String> POD_FIELDS =
            List.of("count", "allow-decommission", "user", "placement", "volumes", "tasks");
    private static final List<String> VOLUME_FIELDS = List.of("path", "size", "type");
    private static final List<String> TASK_FIELDS = List.of("goal", "cmd", "env", "artifacts", "java", "cpus",
            "memory", "ports", "configs", "readiness", "health", "kill-grace-period");
    private static final List<String> PORT_FIELDS = List.of("port", "env-key", "endpoint");
    private static final List<String> CONFIG_FIELDS = List.of("template", "dest");
    private static final List<String> CHECK_FIELDS = List.of("cmd", "interval", "delay", "timeout", "max-failures");
    private static final List<String> PLACEMENT_KINDS = List.of("unique", "spread", "limit", "restrict");
    private static final List<String> PLAN_FIELDS = List.of("strategy", "phases");
    private static final List<String> PHASE_FIELDS = List.of("pod", "strategy", "tasks");

    private final Map<String, String> templates;
    private final String source;
    private final List<Violation> problems = new ArrayList<>();

    private SpecParser(Map<String, String> templates, String source) {
        this.templates = templates;
        this.source = source;
    }

    /**
     * Parses {@code yaml}; config templates named in it are looked up in {@code templates} (file name
     * to content, the package's {@code templates/} folder).
     *
     * @throws SpecException with every problem found
     */
    public static ServiceSpec parse(String yaml, Map<String, String> templates) {
        return parse(yaml, templates, Optional.empty());
    }

    /**
     * As {@link #parse(String, Map)}, and also requires the spec's {@code name} to be
     * {@code expectedName} (the name the service is installed under).
     */
    public static ServiceSpec parse(String yaml, Map<String, String> templates, Optional<String> expectedName) {
        return new SpecParser(templates, "svc.yaml").read(yaml, expectedName);
    }

    private ServiceSpec read(String yaml, Optional<String> expectedName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new SpecException("malformed service spec", malformed(source, e));
        }
        ServiceSpec spec = service(root, expectedName);
        if (!problems.isEmpty() || spec == null) {
            String name = root != null && root.hasNonNull("name") ? " '" + root.get("name").asText() + "'" : "";
            throw new SpecException("invalid service spec" + name, problems);
        }
        return spec;
    }

    /** {@code svc.yaml: line 3, column 7: mapping values are not allowed here}. */
    public static Violation malformed(String source, JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            // SnakeYAML's own text repeats the source with carets; its context and problem say it in one line.
            message = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
        } else {
            message = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        }
        String at = where == null || where.getLineNr() < 1 ? ""
                : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
        return new Violation(source, at + message);
    }

    private ServiceSpec service(JsonNode root, Optional<String> expectedName) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(new Violation("", "the service spec is empty"));
            return null;
        }
        YamlMapping svc = YamlMapping.of(root, "", problems, "a service spec", SERVICE_FIELDS);
        if (svc == null) {
            return null;
        }
        String name = svc.requiredText("name");
        if (name != null && !name(svc, "name", name)) {
            name = null;
        }
        if (name != null && expectedName.isPresent() && !expectedName.get().equals(name)) {
            svc.report("name", "'" + name + "' differs from the service name '" + expectedName.get()
                    + "'; write name: {{service.name}}");
        }
        String role = svc.text("role").orElse(name == null ? null : "berth/" + name);
        if (role != null) {
            try {
                Role.parse("role", role);
            } catch (InvalidResourceException e) {
                svc.report("role", "'" + role + "' is not a valid role; expected " + e.allowed());
                role = null;
            }
        }
        String principal = svc.text("principal").orElse(name);
        if (principal != null && principal.isBlank()) {
            svc.report("principal", "is empty; leave it out to act as the service name");
        }

        List<PodSpec> pods = new ArrayList<>();
        Map<String, JsonNode> podNodes = svc.entries("pods");
        if (podNodes.isEmpty() && !problemAt("pods")) {
            svc.report("pods", "missing; a service needs at least one pod");
        }
        podNodes.forEach((podName, node) -> {
            PodSpec pod = pod(podName, node, svc.at("pods") + "." + podName);
            if (pod != null) {
                pods.add(pod);
            }
        });
        checkEndpoints(pods);

        List<PlanSpec> plans = new ArrayList<>();
        svc.entries("plans").forEach((planName, node) -> {
            PlanSpec plan = plan(planName, node, "plans." + planName, podNodes.keySet(), pods);
            if (plan != null) {
                plans.add(plan);
            }
        });
        if (!svc.entries("plans").containsKey("deploy")) {
            plans.add(0, defaultDeployPlan(pods));
        }
        if (name == null || role == null || principal == null) {
            return null;
        }
        return new ServiceSpec(name, role, principal, pods, plans);
    }

    /** The plan a spec gets when it declares no {@code deploy} plan: pods one after another, instances one by one. */
    public static PlanSpec defaultDeployPlan(List<PodSpec> pods) {
        List<PhaseSpec> phases = new ArrayList<>();
        for (PodSpec pod : pods) {
            phases.add(new PhaseSpec(pod.type(), pod.type(), Strategy.SERIAL, List.of()));
        }
        return new PlanSpec("deploy", Strategy.SERIAL, phases);
    }

    private PodSpec pod(String podName, JsonNode node, String path) {
        boolean named = nameAt(path, podName);
        YamlMapping pod = YamlMapping.of(node, path, problems, "a pod", POD_FIELDS);
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
                    problems.add(new Violation(at + ".path", "'" + volume.path() + "' is the path of another volume of this pod"));
                } else {
                    volumes.add(volume);
                }
            }
        }

        List<TaskSpec> tasks = new ArrayList<>();
        Map<String, JsonNode> taskNodes = pod.entries("tasks");
        if (taskNodes.isEmpty() && !problemAt(pod.at("tasks"))) {
            pod.report("tasks", "missing; a pod needs at least one task");
        }
        taskNodes.forEach((taskName, taskNode) -> {
            TaskSpec task = task(taskName, taskNode, pod.at("tasks") + "." + taskName);
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
            problems.add(new Violation(path, YamlMapping.show(node) + " is not a placement rule; use one of "
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
                problems.add(new Violation(at, YamlMapping.show(value) + " is not supported; write unique: agent"));
                return null;
            }
            case "spread" -> {
                String attribute = attribute(value, at);
                return attribute == null ? null : new PlacementRule.SpreadBy(attribute);
            }
            case "limit" -> {
                YamlMapping limit = YamlMapping.of(value, at, problems, "a limit", List.of("attribute", "max"));
                if (limit == null) {
                    return null;
                }
                String attribute = attribute(limit.raw("attribute"), limit.at("attribute"));
                Long max = limit.integer("max", null, 1, 10_000);
                return attribute == null || max == null ? null : new PlacementRule.LimitPer(attribute, max.intValue());
            }
            case "restrict" -> {
                YamlMapping restrict = YamlMapping.of(value, at, problems, "a restriction", List.of("attribute", "values"));
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
                        problems.add(new Violation(restrict.at("values") + "[" + i + "]",
                                YamlMapping.show(items.get(i)) + " is not a text"));
                    }
                }
                if (items.isEmpty() && !problemAt(restrict.at("values"))) {
                    restrict.report("values", "missing; expected a list of allowed attribute values");
                }
                return attribute == null || values.isEmpty() || values.size() != items.size()
                        ? null : new PlacementRule.Restrict(attribute, values);
            }
            default -> {
                problems.add(new Violation(at, "unknown placement rule; known: " + String.join(", ", PLACEMENT_KINDS)));
                return null;
            }
        }
    }

    private String attribute(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            problems.add(new Violation(path, "missing; expected an agent attribute name such as zone or rack"));
            return null;
        }
        if (!value.isTextual() || !ATTRIBUTE.matcher(value.asText()).matches()) {
            problems.add(new Violation(path, YamlMapping.show(value)
                    + " is not an attribute name; use letters, digits, '_', '-' and '.', such as zone or rack"));
            return null;
        }
        return value.asText();
    }

    private VolumeSpec volume(JsonNode node, String path) {
        YamlMapping volume = YamlMapping.of(node, path, problems, "a volume", VOLUME_FIELDS);
        if (volume == null) {
            return null;
        }
        String volumePath = relativePath(volume, "path");
        Long size = volume.sizeMib("size");
        String type = volume.text("type").map(t -> t.toUpperCase(java.util.Locale.ROOT)).orElse("ROOT");
        if (!type.equals("ROOT") && !type.equals("MOUNT")) {
            volume.report("type", "'" + volume.raw("type").asText() + "' is not a disk type; use ROOT or MOUNT");
            return null;
        }
        return volumePath == null || size == null ? null : new VolumeSpec(volumePath, size, type);
    }

    private String relativePath(YamlMapping mapping, String field) {
        String value = mapping.requiredText(field);
        if (value == null) {
            return null;
        }
        boolean dotSegment = List.of(value.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."));
        if (!RELATIVE_PATH.matcher(value).matches() || dotSegment) {
            mapping.report(field, "'" + value + "' is not a path inside the sandbox; use a relative path "
                    + "such as data or conf/server.properties (no leading '/', no '..')");
            return null;
        }
        return value;
    }

    private TaskSpec task(String taskName, JsonNode node, String path) {
        boolean named = nameAt(path, taskName);
        YamlMapping task = YamlMapping.of(node, path, problems, "a task", TASK_FIELDS);
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
                problems.add(new Violation(at, "'" + key + "' is not an environment variable name; use letters, digits and '_'"));
            } else if (!value.isValueNode() || value.isNull()) {
                problems.add(new Violation(at, YamlMapping.show(value) + " is not a text"));
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
                problems.add(new Violation(at, e.getMessage()));
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
        if (!named || goal == null || cmd == null || cpus == null || memory == null || grace == null
                || ports.size() != task.entries("ports").size() || configs.size() != task.entries("configs").size()
                || readiness == null || health == null) {
            return null;
        }
        return new TaskSpec(taskName, goal, cmd, env, artifacts, java, cpus, memory, ports, configs, readiness, health,
                grace);
    }

    private PortSpec port(String portName, JsonNode node, String path) {
        boolean named = nameAt(path, portName);
        YamlMapping port = YamlMapping.of(node, path, problems, "a port", PORT_FIELDS);
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
        if (!endpoint.isEmpty() && !NAME.matcher(endpoint).matches()) {
            port.report("endpoint", "'" + endpoint + "' is not a valid name; use " + NAME_RULE);
            return null;
        }
        return !named || number == null ? null : new PortSpec(portName, number.intValue(), envKey, endpoint);
    }

    private ConfigTemplate config(String configName, JsonNode node, String path) {
        boolean named = nameAt(path, configName);
        YamlMapping config = YamlMapping.of(node, path, problems, "a config file", CONFIG_FIELDS);
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
        String dest = relativePath(config, "dest");
        return !named || content == null || dest == null ? null : new ConfigTemplate(configName, content, dest);
    }

    /** {@code Optional.empty()} when absent, {@code null} when wrong (reported). */
    private Optional<CheckSpec> check(YamlMapping task, String field) {
        if (!task.has(field)) {
            return Optional.empty();
        }
        YamlMapping check = YamlMapping.of(task.raw(field), task.at(field), problems, "a check", CHECK_FIELDS);
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

    private PlanSpec plan(String planName, JsonNode node, String path, Set<String> podNames, List<PodSpec> pods) {
        boolean named = nameAt(path, planName);
        YamlMapping plan = YamlMapping.of(node, path, problems, "a plan", PLAN_FIELDS);
        if (plan == null) {
            return null;
        }
        Strategy strategy = plan.enumValue("strategy", Strategy.class, Strategy.SERIAL);
        Map<String, JsonNode> phaseNodes = plan.entries("phases");
        if (phaseNodes.isEmpty() && !problemAt(plan.at("phases"))) {
            plan.report("phases", "missing; a plan needs at least one phase");
        }
        List<PhaseSpec> phases = new ArrayList<>();
        phaseNodes.forEach((phaseName, phaseNode) -> {
            PhaseSpec phase = phase(phaseName, phaseNode, plan.at("phases") + "." + phaseName, podNames, pods);
            if (phase != null) {
                phases.add(phase);
            }
        });
        if (!named || strategy == null || phases.isEmpty() || phases.size() != phaseNodes.size()) {
            return null;
        }
        return new PlanSpec(planName, strategy, phases);
    }

    private PhaseSpec phase(String phaseName, JsonNode node, String path, Set<String> podNames, List<PodSpec> pods) {
        boolean named = nameAt(path, phaseName);
        YamlMapping phase = YamlMapping.of(node, path, problems, "a phase", PHASE_FIELDS);
        if (phase == null) {
            return null;
        }
        String pod = phase.requiredText("pod");
        if (pod != null && !podNames.contains(pod)) {
            phase.report("pod", "'" + pod + "' is not a pod of this service; pods: " + String.join(", ", podNames));
            pod = null;
        }
        Strategy strategy = phase.enumValue("strategy", Strategy.class, Strategy.SERIAL);
        List<String> tasks = new ArrayList<>();
        String podType = pod;
        Optional<PodSpec> podSpec = pods.stream().filter(p -> p.type().equals(podType)).findFirst();
        List<JsonNode> taskNodes = phase.list("tasks");
        boolean tasksOk = true;
        for (int i = 0; i < taskNodes.size(); i++) {
            JsonNode t = taskNodes.get(i);
            String at = phase.at("tasks") + "[" + i + "]";
            if (!t.isTextual()) {
                problems.add(new Violation(at, YamlMapping.show(t) + " is not a task name"));
                tasksOk = false;
            } else if (podSpec.isPresent() && podSpec.get().task(t.asText()).isEmpty()) {
                problems.add(new Violation(at, "'" + t.asText() + "' is not a task of pod " + pod + "; tasks: "
                        + String.join(", ", podSpec.get().tasks().stream().map(TaskSpec::name).toList())));
                tasksOk = false;
            } else {
                tasks.add(t.asText());
            }
        }
        if (!named || pod == null || strategy == null || !tasksOk) {
            return null;
        }
        return new PhaseSpec(phaseName, pod, strategy, tasks);
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
                    problems.add(new Violation(at, "port name '" + port.name() + "' is also used by task " + other));
                }
                if (port.port() != 0) {
                    String otherNumber = numbers.putIfAbsent(port.port(), task.name() + "." + port.name());
                    if (otherNumber != null) {
                        problems.add(new Violation(at + ".port", port.port() + " is also used by " + otherNumber));
                    }
                }
            }
        }
    }

    /** An endpoint name is advertised by one port of one pod, so that {@code endpoints NAME} is one list. */
    private void checkEndpoints(List<PodSpec> pods) {
        Map<String, String> owners = new HashMap<>();
        for (PodSpec pod : pods) {
            for (TaskSpec task : pod.tasks()) {
                for (PortSpec port : task.ports()) {
                    if (port.endpoint().isEmpty()) {
                        continue;
                    }
                    String here = "pods." + pod.type() + ".tasks." + task.name() + ".ports." + port.name();
                    String other = owners.putIfAbsent(port.endpoint(), here);
                    if (other != null) {
                        problems.add(new Violation(here + ".endpoint",
                                "'" + port.endpoint() + "' is already advertised by " + other));
                    }
                }
            }
        }
    }

    private boolean name(YamlMapping mapping, String field, String value) {
        if (NAME.matcher(value).matches()) {
            return true;
        }
        mapping.report(field, "'" + value + "' is not a valid name; use " + NAME_RULE);
        return false;
    }

    private boolean nameAt(String path, String value) {
        if (NAME.matcher(value).matches()) {
            return true;
        }
        problems.add(new Violation(path, "'" + value + "' is not a valid name; use " + NAME_RULE));
        return false;
    }

    private boolean problemAt(String path) {
        return problems.stream().anyMatch(v -> v.field().equals(path));
    }
}
