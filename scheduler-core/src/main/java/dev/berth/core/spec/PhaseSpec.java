package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * A phase: one step per instance of {@code pod}, each launching (or relaunching) the listed tasks of
 * that instance (all its tasks when the list is empty), run in the phase's strategy.
 */
public record PhaseSpec(String name, String pod, Strategy strategy, List<String> tasks) {
    public PhaseSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pod, "pod");
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
