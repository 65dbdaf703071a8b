package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A plan as a package declares it: phases run in the plan's strategy, and the parameters a start takes. */
public record PlanSpec(String name, Strategy strategy, List<PhaseSpec> phases, List<PlanParameterSpec> parameters) {
    public PlanSpec {
        Objects.requireNonNull(name, "name");
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        phases = List.copyOf(phases);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public PlanSpec(String name, Strategy strategy, List<PhaseSpec> phases) {
        this(name, strategy, phases, List.of());
    }

    public Optional<PlanParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
