package dev.berth.core.agent;

/**
 * How an agent holds a task to its {@code cpus}. By default, as Mesos does, with shares only: a task
 * gets at least its share when the machine is busy and may use idle cores beyond it, so a database's
 * start (JIT compilation, index loading) is not throttled on a quiet machine. {@code QUOTA} adds a
 * hard CFS ceiling of cpus x period, for operators who want predictable, never-bursting tasks.
 */
public enum CpuLimit {
    SHARES,
    QUOTA;

    /** cgroup v1 {@code cpu.shares}: 1024 per CPU, at least the kernel's minimum of 2. */
    static long v1Shares(double cpus) {
        return Math.max(2, Math.round(cpus * 1024));
    }

    /** cgroup v2 {@code cpu.weight}: 100 per CPU (the default weight of one cgroup), within 1..10000. */
    static long v2Weight(double cpus) {
        return Math.min(10_000, Math.max(1, Math.round(cpus * 100)));
    }
}
