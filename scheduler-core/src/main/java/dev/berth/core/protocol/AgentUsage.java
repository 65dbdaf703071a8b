package dev.berth.core.protocol;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/agent/{id}/usage}: what an agent measured of its tasks (memory, CPU time, sandbox
 * disk) and of its persistent volumes (disk used), sent every few seconds. The master keeps the
 * latest for the API; it is not durable state.
 */
public record AgentUsage(List<TaskUsage> tasks, List<VolumeUsage> volumes, Instant sampledAt) {
    public AgentUsage {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    public record TaskUsage(String taskId, long memoryBytes, double cpuSeconds, long sandboxBytes) {
    }

    public record VolumeUsage(String persistenceId, String role, long bytes) {
    }
}
