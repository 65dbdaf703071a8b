package dev.berth.core.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * A sample of what a task uses. {@code memoryBytes} is the cgroup's charged memory
 * ({@code memory.usage_in_bytes} / {@code memory.current}) under cgroups, or the summed RSS of the
 * task's processes when only measuring; {@code cpuTime} is user+system time; {@code sandboxDiskBytes}
 * the apparent size of the sandbox's files (volumes, being symlinks, are not counted).
 */
public record TaskUsage(String taskId, long memoryBytes, Duration cpuTime, long sandboxDiskBytes, Instant sampledAt) {
}
