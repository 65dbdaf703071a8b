package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a step wants: these tasks of instance {@code index} of {@code pod}, with the target config.
 * {@code home} is where the instance already lives (relaunch in place), empty for a first launch or
 * a replace; {@code others} are the other placed instances of the service (placement rules), held as
 * the service keeps them, not copied.
 * {@code options} (nested by their dots) and {@code endpoints} (the service's, as launched so far)
 * are what config templates see beyond the instance itself. A replace names the address it leaves in
 * {@code avoidIp}: the instance goes to any agent but that one. {@code planParameters} are those of the
 * step's plan (a backup's name), which its tasks see as {@code BERTH_PARAM_NAME}.
 */
public record LaunchRequest(ServiceTarget target, PodSpec pod, int index, List<TaskSpec> tasks,
                            Optional<PodInstanceRecord> home, PlacedInstances others,
                            Map<String, Object> options, Map<String, List<String>> endpoints,
                            Optional<String> replacedIp, Optional<String> avoidIp, Map<String, String> planParameters) {
    public LaunchRequest {
        planParameters = planParameters == null ? Map.of() : Map.copyOf(planParameters);
        tasks = List.copyOf(tasks);
        home = home == null ? Optional.empty() : home;
        others = others == null ? PlacedInstances.of(target.spec(), List.of()) : others;
        options = options == null ? Map.of() : Map.copyOf(options);
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        replacedIp = replacedIp == null ? Optional.empty() : replacedIp;
        avoidIp = avoidIp == null ? Optional.empty() : avoidIp;
    }

    public LaunchRequest(ServiceTarget target, PodSpec pod, int index, List<TaskSpec> tasks,
                         Optional<PodInstanceRecord> home, PlacedInstances others,
                         Map<String, Object> options, Map<String, List<String>> endpoints,
                         Optional<String> replacedIp, Optional<String> avoidIp) {
        this(target, pod, index, tasks, home, others, options, endpoints, replacedIp, avoidIp, Map.of());
    }

    public String instanceName() {
        return pod.instanceName(index);
    }
}
