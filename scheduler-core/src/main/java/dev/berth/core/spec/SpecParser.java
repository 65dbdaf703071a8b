package dev.berth.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *         ports: {NAME: {port: 0, env-key: PORT_NAME, endpoint: NAME, endpoint-instances: N}}  # N: only instances 0..N-1 advertise it
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
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> SERVICE_FIELDS = List.of("name", "role", "principal", "pods", "plans");

    private final String source;
    private final SpecReading reading = new SpecReading();
    private final List<Violation> problems = reading.problems;
    private final PodSpecReader pods;
    private final PlanSpecReader plans;

    private SpecParser(Map<String, String> templates, String source) {
        this.source = source;
        this.pods = new PodSpecReader(reading, new TaskSpecReader(reading, templates));
        this.plans = new PlanSpecReader(reading);
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
        if (name != null && !reading.name(svc, "name", name)) {
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
        String principal = svc.text("principal").orElse(name == null ? null : "service:" + name);
        if (principal != null && principal.isBlank()) {
            svc.report("principal", "is empty; leave it out to act as service:<name>");
        }

        List<PodSpec> pods = new ArrayList<>();
        Map<String, JsonNode> podNodes = svc.entries("pods");
        if (podNodes.isEmpty() && !reading.problemAt("pods")) {
            svc.report("pods", "missing; a service needs at least one pod");
        }
        podNodes.forEach((podName, node) -> {
            PodSpec pod = this.pods.pod(podName, node, svc.at("pods") + "." + podName);
            if (pod != null) {
                pods.add(pod);
            }
        });
        checkEndpoints(pods);

        List<PlanSpec> plans = new ArrayList<>();
        svc.entries("plans").forEach((planName, node) -> {
            PlanSpec plan = this.plans.plan(planName, node, "plans." + planName, podNodes.keySet(), pods);
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



}
