package dev.berth.core.agent;

import java.util.List;

/**
 * What a task was given: the agent turns {@code cpus} and {@code memMib} into cgroup limits and
 * {@code ports} into {@code PORT0..n}. Zero cpus or zero memory means "no limit of that kind".
 */
public record TaskResources(double cpus, double memMib, List<Integer> ports) {
    public static final TaskResources NONE = new TaskResources(0, 0, List.of());

    public TaskResources {
        if (!(cpus >= 0) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("resources.cpus: " + cpus + " is not accepted; use a finite number >= 0");
        }
        if (!(memMib >= 0) || Double.isInfinite(memMib)) {
            throw new IllegalArgumentException("resources.mem: " + memMib + " is not accepted; use a finite number of MiB >= 0");
        }
        ports = ports == null ? List.of() : List.copyOf(ports);
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("resources.ports: " + port + " is not accepted; use 1..65535");
            }
        }
    }

    public static TaskResources of(double cpus, double memMib, Integer... ports) {
        return new TaskResources(cpus, memMib, List.of(ports));
    }

    /** The memory limit in bytes, 0 when there is none. */
    public long memoryLimitBytes() {
        return (long) Math.ceil(memMib * 1024 * 1024);
    }
}
