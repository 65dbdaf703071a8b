package dev.berth.core.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The rows of the cluster views ({@code /v1/agents}, {@code /v1/reservations}, {@code /v1/volumes}, {@code /v1/tasks}), for the server and the CLI tables alike. */
public final class ClusterViews {
    private ClusterViews() {
    }

    /**
     * The leading master's term: its API URL, its leadership epoch, when it won the election (the previous
     * leader's ZooKeeper session had ended by then) and when its takeover was done and it began to serve.
     */
    public record LeaderView(String url, long epoch, Instant elected, Instant serving) {
    }

    /**
     * @param usage per resource name: how much tasks and volumes use, how much is reserved, and the total
     *              (the full resource text is in {@code total}, {@code free} and {@code reserved})
     */
    public record AgentRow(String id, String hostname, String ip, String status, Instant lastSeen,
                           Map<String, String> attributes, String total, String free, String reserved,
                           List<ResourceUse> usage) {
    }

    /** One resource of an agent summed up: scalars as amounts ({@code mem} in MiB), ranges as counts ({@code ports}). */
    public record ResourceUse(String name, double used, double reserved, double total) {
    }

    public record ReservationRow(String agentId, String role, String principal, String resourceId, String resources) {
    }

    /** {@code usedBytes} is -1 until the agent has measured the volume. */
    public record VolumeRow(String agentId, String persistenceId, String role, String size, String containerPath,
                            String mode, String source, List<String> usedBy, long usedBytes) {
    }

    /** Memory and sandbox disk are -1 until the agent has measured the task. */
    public record TaskRow(String taskId, String name, String frameworkId, String agentId, String state, String message,
                          Instant updated, long memoryBytes, long sandboxBytes) {
    }
}
