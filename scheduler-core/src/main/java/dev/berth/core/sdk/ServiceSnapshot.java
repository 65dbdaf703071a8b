package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import java.util.Map;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * A service as its scheduler last left it, all of one moment: its target, plans, pod instances and
 * tasks. Immutable; the API reads this from any thread while the scheduler goes on.
 */
public record ServiceSnapshot(String name, ServiceTarget target, Map<String, Plan> plans,
                              Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks) {
    public ServiceSnapshot {
        plans = sorted(plans);
        pods = sorted(pods);
        tasks = sorted(tasks);
    }

    /** The map itself when it is persistent (immutable: the scheduler's own), else a sorted copy. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map instanceof PSortedMap<String, V> persistent ? persistent : TreePMap.from(map);
    }

    /** The service's endpoints as its instances are placed now. */
    public Endpoints endpoints() {
        return Endpoints.of(target.spec(), pods, tasks);
    }
}
