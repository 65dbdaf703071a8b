package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of pod ({@code broker}, {@code node}) and how many instances of it run ({@code broker-0},
 * {@code broker-1}, …). The instances of a pod share its placement rules, volumes and tasks; each
 * instance gets its own reservation and volumes on the agent it lands on, for life.
 *
 * <p>{@code allowDecommission} says whether the package knows how to take an instance out safely
 * (drain it, then release its reservation and volume); without it a lower {@code count} is refused,
 * because dropping an instance would drop its data.
 */
public record PodSpec(String type, int count, List<PlacementRule> placement, List<VolumeSpec> volumes,
                      List<TaskSpec> tasks, Optional<String> user, boolean allowDecommission) {
    public PodSpec {
        Objects.requireNonNull(type, "type");
        placement = placement == null ? List.of() : List.copyOf(placement);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        tasks = List.copyOf(tasks);
        user = user == null ? Optional.empty() : user;
    }

    /** A pod that does not support decommission (the safe default). */
    public PodSpec(String type, int count, List<PlacementRule> placement, List<VolumeSpec> volumes,
                   List<TaskSpec> tasks, Optional<String> user) {
        this(type, count, placement, volumes, tasks, user, false);
    }

    public Optional<TaskSpec> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<VolumeSpec> volume(String path) {
        return volumes.stream().filter(v -> v.path().equals(path)).findFirst();
    }

    /** {@code broker-2}: the name of instance {@code index}. */
    public String instanceName(int index) {
        return type + "-" + index;
    }
}
