package dev.berth.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the plans of a service spec ({@code plans.PLAN}: strategy, phases of a pod and some of its tasks),
 * reporting every problem with its path to the {@link SpecReading}.
 */
final class PlanSpecReader {
    private static final List<String> PLAN_FIELDS = List.of("strategy", "phases");
    private static final List<String> PHASE_FIELDS = List.of("pod", "strategy", "tasks");

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
        boolean named = reading.nameAt(path, phaseName);
        YamlMapping phase = YamlMapping.of(node, path, reading.problems, "a phase", PHASE_FIELDS);
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
        return new PhaseSpec(phaseName, pod, strategy, tasks);
    }
}
