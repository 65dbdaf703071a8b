package dev.berth.core.plan;

import dev.berth.core.spec.PlanParameterSpec;
import dev.berth.core.spec.PlanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the parameters an operator starts a plan with against those its package declares, and fills
 * in the defaults. Every problem is named at once, each with the parameter, the value and what the plan
 * accepts; a refused start changes nothing.
 */
public final class PlanParameters {
    private PlanParameters() {
    }

    /**
     * The values a start of {@code plan} (declared as {@code spec}, empty for the plans Berth makes itself)
     * runs with; {@code given} as the operator sent them. An {@link IllegalArgumentException} names every
     * unknown, missing or malformed parameter.
     */
    public static Map<String, String> resolve(String plan, Optional<PlanSpec> spec, Map<String, String> given) {
        List<PlanParameterSpec> declared = spec.map(PlanSpec::parameters).orElse(List.of());
        List<String> problems = new ArrayList<>();
        for (String name : new TreeMap<>(given).keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(name))) {
                problems.add("parameters." + name + ": plan " + plan + (declared.isEmpty() ? " takes no parameters"
                        : " has no parameter '" + name + "'; it takes " + names(declared)));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (PlanParameterSpec p : declared) {
            String value = given.get(p.name());
            if (value == null) {
                if (p.required()) {
                    problems.add("parameters." + p.name() + ": missing; plan " + plan + " needs it ("
                            + describe(p) + "), e.g. -p " + p.name() + "=VALUE");
                }
                p.defaultValue().ifPresent(d -> out.put(p.name(), d));
            } else if (!p.pattern().matcher(value).matches()) {
                problems.add("parameters." + p.name() + ": '" + value + "' does not match " + p.pattern()
                        + (p.description().isEmpty() ? "" : " (" + p.description() + ")"));
            } else {
                out.put(p.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return out;
    }

    /**
     * The parameters {@code action} on {@code plan} runs with: for a start, {@code given} resolved (or,
     * given none, those of a plan in progress, which goes on as it was started); for any other action the
     * plan's own, and {@code given} must be empty.
     */
    public static Map<String, String> forAction(PlanAction action, Plan plan, Optional<PlanSpec> spec, Map<String, String> given) {
        if (action != PlanAction.START) {
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("parameters: only start takes parameters, not " + action);
            }
            return plan.parameters();
        }
        if (given.isEmpty() && !plan.isComplete() && !plan.notBegun()) {
            return plan.parameters();
        }
        return resolve(plan.name(), spec, given);
    }

    private static String describe(PlanParameterSpec p) {
        return p.description().isEmpty() ? "matching " + p.pattern() : p.description();
    }

    private static String names(List<PlanParameterSpec> declared) {
        return declared.stream().map(p -> p.name() + (p.required() ? " (required)" : "")).toList().toString();
    }
}
