package dev.berth.core.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service as its package describes it once rendered with the user's options: its name, the role
 * and principal its framework acts as, its pods and its plans. Immutable; validated when built.
 */
public record ServiceSpec(String name, String role, String principal, List<PodSpec> pods, List<PlanSpec> plans) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        pods = List.copyOf(pods);
        plans = plans == null ? List.of() : List.copyOf(plans);
    }

    public Optional<PodSpec> pod(String type) {
        return pods.stream().filter(p -> p.type().equals(type)).findFirst();
    }

    public Optional<PlanSpec> plan(String planName) {
        return plans.stream().filter(p -> p.name().equals(planName)).findFirst();
    }
}
