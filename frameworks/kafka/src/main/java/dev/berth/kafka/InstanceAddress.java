package dev.berth.kafka;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Resources;
import java.util.Map;
import java.util.Optional;

/**
 * Where one pod instance serves a named endpoint. The endpoint lists of a HookContext skip instances
 * without a home, so a position in them is not an instance index; this reads the instance's own
 * reserved ports the way {@link Endpoints} does.
 */
final class InstanceAddress {
    private InstanceAddress() {
    }

    static Optional<HostPort> of(HookContext context, String instance, String endpoint) {
        PodInstanceRecord home = context.pods().get(instance);
        if (home == null || !home.hasHome()) {
            return Optional.empty();
        }
        Optional<PodSpec> pod = context.target().spec().pod(home.podType());
        if (pod.isEmpty()) {
            return Optional.empty();
        }
        for (TaskSpec task : pod.get().tasks()) {
            Resources reserved = home.taskResources().get(task.name());
            if (reserved == null) {
                continue;
            }
            Map<String, Integer> ports = Endpoints.ports(task, reserved);
            for (PortSpec p : task.ports()) {
                if (p.endpoint().equals(endpoint) && ports.containsKey(p.name())) {
                    return Optional.of(new HostPort(home.ip(), ports.get(p.name())));
                }
            }
        }
        return Optional.empty();
    }
}
