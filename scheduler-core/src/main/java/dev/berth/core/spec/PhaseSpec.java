package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A phase: one step per instance of {@code pod}, each launching (or relaunching) the listed tasks of
 * that instance (all its tasks when the list is empty), run in the phase's strategy; or, with an
 * {@code action} instead of a pod, one step that the package performs itself (its hooks'
 * {@code runAction}), such as writing a backup's manifest once every node uploaded its files.
 */
public record PhaseSpec(String name, String pod, Strategy strategy, List<String> tasks, Optional<String> action,
                        String description) {
    public PhaseSpec {
        Objects.requireNonNull(name, "name");
        pod = pod == null ? "" : pod;
        strategy = strategy == null ? Strategy.SERIAL : strategy;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        action = action == null ? Optional.empty() : action;
        description = description == null ? "" : description;
        if (pod.isEmpty() == action.isEmpty()) {
            throw new IllegalArgumentException("phase " + name + ": either a pod or an action, not both or neither");
        }
    }

    /** A phase of steps on the instances of {@code pod}. */
    public PhaseSpec(String name, String pod, Strategy strategy, List<String> tasks) {
        this(name, pod, strategy, tasks, Optional.empty(), "");
    }

    /** A phase of one package action. */
    public static PhaseSpec action(String name, String action, String description) {
        return new PhaseSpec(name, "", Strategy.SERIAL, List.of(), Optional.of(action), description);
    }

    /** Named so that JSON does not take it for a property (the spec is stored as JSON with its service). */
    public boolean hasAction() {
        return action.isPresent();
    }
}
