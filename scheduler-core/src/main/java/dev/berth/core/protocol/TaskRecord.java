package dev.berth.core.protocol;

import java.util.Optional;

/**
 * A task of the service as its state store keeps it: the last launch (with its config id) and the
 * latest status the framework heard of it.
 */
public record TaskRecord(String name, String podInstance, String configId, TaskInfo info, Optional<TaskStatus> latest) {
    public TaskRecord {
        latest = latest == null ? Optional.empty() : latest;
    }

    public TaskRecord withStatus(TaskStatus s) {
        return new TaskRecord(name, podInstance, configId, info, Optional.of(s));
    }

    /** The task's name within its pod ({@code server} of {@code node-0-server}). */
    public String task() {
        return info.labels().getOrDefault("task", name.substring(podInstance.length() + 1));
    }

    /** True once the task's latest status is terminal. */
    public boolean ended() {
        return latest.map(s -> s.state().isTerminal()).orElse(false);
    }
}
