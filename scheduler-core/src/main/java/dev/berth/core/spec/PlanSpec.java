package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;

/** A plan as a package declares it: phases run in the plan's strategy. */
public record PlanSpec(String name, Strategy strategy, List<PhaseSpec> phases) {
    public PlanSpec {
        Objects.requireNonNull(name, "name");
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        phases = List.copyOf(phases);
    }
}
