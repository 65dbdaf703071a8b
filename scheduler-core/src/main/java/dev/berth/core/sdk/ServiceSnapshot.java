package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service as its scheduler last left it, all of one moment: its target, plans, pod instances and
 * tasks. Immutable; the API reads this from any thread while the scheduler goes on.
 */
public record ServiceSnapshot(String name, ServiceTarget target, Map<String, Plan> plans,
                              Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks) {
    public ServiceSnapshot {
        plans = java.util.Collections.unmodifiableMap(new TreeMap<>(plans));
        pods = java.util.Collections.unmodifiableMap(new TreeMap<>(pods));
        tasks = java.util.Collections.unmodifiableMap(new TreeMap<>(tasks));
    }

    /** The service's endpoints as its instances are placed now. */
    public Endpoints endpoints() {
        return Endpoints.of(target.spec(), pods, tasks);
    }
}
