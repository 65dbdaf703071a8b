package dev.berth.core.sdk;

import java.util.Map;

/** What a hook sees of its service: the target config, where the instances live, their tasks, the endpoints. */
public record HookContext(ServiceTarget target, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks,
                          Endpoints endpoints) {
    public HookContext {
        pods = Map.copyOf(pods);
        tasks = Map.copyOf(tasks);
    }
}
