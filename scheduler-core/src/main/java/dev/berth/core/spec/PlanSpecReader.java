package dev.berth.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the plans of a service spec ({@code plans.PLAN}: strategy, phases of a pod and some of its tasks),
 * reporting every problem with its path to the {@link SpecReading}.
 */
final class PlanSpecReader {
    private static final List<String> PLAN_FIELDS = List.of("strategy", "phases", "parameters");
    private static final List<String> PHASE_FIELDS = List.of("pod", "strategy", "tasks", "action", "description");
    private static final List<String> PARAMETER_FIELDS = List.of("required", "default", "pattern", "description");

    private final SpecReading reading;

    PlanSpecReader(SpecReading reading) {
        this.reading = reading;
    }

    /** The plan {@code planName} at {@code path}; null when it has a problem (reported). */
    PlanSpec plan(String planName, JsonNode node, String path, Set<String> podNames, List<PodSpec> pods) {
        boolean named = reading.nameAt(path, planName);
        YamlMapping plan = YamlMapping.of(node, path, reading.problems, "a plan", PLAN_FIELDS);
        if (plan == null) {
            return null;
        }
        Strategy strategy = plan.enumValue("strategy", Strategy.class, Strategy.SERIAL);
        Map<String, JsonNode> phaseNodes = plan.entries("phases");
        if (phaseNodes.isEmpty() && !reading.problemAt(plan.at("phases"))) {
            plan.report("phases", "missing; a plan needs at least one phase");
        }
        List<PlanParameterSpec> parameters = new ArrayList<>();
        Map<String, JsonNode> parameterNodes = plan.entries("parameters");
        parameterNodes.forEach((name, paramNode) -> {
            PlanParameterSpec p = parameter(name, paramNode, plan.at("parameters") + "." + name);
            if (p != null) {
                parameters.add(p);
            }
        });
        List<PhaseSpec> phases = new ArrayList<>();
        phaseNodes.forEach((phaseName, phaseNode) -> {
            PhaseSpec phase = phase(phaseName, phaseNode, plan.at("phases") + "." + phaseName, podNames, pods);
            if (phase != null) {
                phases.add(phase);
            }
        });
        if (!named || strategy == null || phases.isEmpty() || phases.size() != phaseNodes.size()
                || parameters.size() != parameterNodes.size()) {
            return null;
        }
        return new PlanSpec(planName, strategy, phases, parameters);
    }

    /** {@code plans.PLAN.parameters.NAME}: required, or a default that matches the pattern. */
    private PlanParameterSpec parameter(String name, JsonNode node, String path) {
        if (!PlanParameterSpec.NAME.matcher(name).matches()) {
            reading.problems.add(new Violation(path, "'" + name + "' is not a parameter name; expected lower-case "
                    + "letters, digits and '_', starting with a letter, at most 40 (" + PlanParameterSpec.NAME + ")"));
            return null;
        }
        YamlMapping p = YamlMapping.of(node, path, reading.problems, "a plan parameter", PARAMETER_FIELDS);
        if (p == null) {
            return null;
        }
        boolean required = p.bool("required", false);
        Optional<String> dflt = p.text("default");
        Pattern pattern = PlanParameterSpec.ANY;
        Optional<String> regex = p.text("pattern");
        if (regex.isPresent()) {
            try {
                pattern = Pattern.compile(regex.get());
            } catch (PatternSyntaxException e) {
                p.report("pattern", "'" + regex.get() + "' is not a regular expression: " + e.getDescription());
                return null;
            }
        }
        if (required && dflt.isPresent()) {
            p.report("default", "a required parameter has no default; drop one of the two");
            return null;
        }
        if (dflt.isPresent() && !pattern.matcher(dflt.get()).matches()) {
            p.report("default", "'" + dflt.get() + "' does not match the parameter's pattern " + pattern);
            return null;
        }
        return new PlanParameterSpec(name, required, dflt, pattern, p.text("description").orElse(""));
    }

    private PhaseSpec phase(String phaseName, JsonNode node, String path, Set<String> podNames, List<PodSpec> pods) {
        boolean named = reading.nameAt(path, phaseName);
        YamlMapping phase = YamlMapping.of(node, path, reading.problems, "a phase", PHASE_FIELDS);
        if (phase == null) {
            return null;
        }
        if (phase.has("action")) {
            return actionPhase(phaseName, phase, named);
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
                reading.problems.add(new Violation(at, YamlMapping.show(t) + " is not a task name"));
                tasksOk = false;
            } else if (podSpec.isPresent() && podSpec.get().task(t.asText()).isEmpty()) {
                reading.problems.add(new Violation(at, "'" + t.asText() + "' is not a task of pod " + pod + "; tasks: "
                        + String.join(", ", podSpec.get().tasks().stream().map(TaskSpec::name).toList())));
                tasksOk = false;
            } else {
                tasks.add(t.asText());
            }
        }
        if (!named || pod == null || strategy == null || !tasksOk) {
            return null;
        }
        return new PhaseSpec(phaseName, pod, strategy, tasks, Optional.empty(), phase.text("description").orElse(""));
    }

    /** A phase of one package action ({@code action: NAME}): no pod, no tasks. */
    private PhaseSpec actionPhase(String phaseName, YamlMapping phase, boolean named) {
        for (String field : List.of("pod", "tasks")) {
            if (phase.has(field)) {
                phase.report(field, "a phase with an action runs no tasks; drop " + field + " or the action");
                return null;
            }
        }
        Optional<String> action = phase.text("action");
        if (action.isPresent() && !reading.nameAt(phase.at("action"), action.get())) {
            return null;
        }
        if (!named || action.isEmpty()) {
            return null;
        }
        return PhaseSpec.action(phaseName, action.get(), phase.text("description").orElse(action.get()));
    }
}
