package dev.berth.core.agent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Isolation without cgroups: nothing is limited by the kernel; the agent measures the processes of
 * the task's session (the wrapper leads it) in {@code /proc} and the runner kills a task whose RSS
 * goes over its memory limit. Used when cgroups cannot be written (not root, read-only cgroupfs).
 * CPU is not limited, only measured; a process that leaves the session (setsid) is not seen.
 */
public final class MeasuringIsolation implements Isolation {
    private final String why;

    public MeasuringIsolation(String why) {
        this.why = why;
    }

    @Override
    public String describe() {
        return "measuring only (no cgroups: " + why + "); memory limit enforced by the agent from the RSS of"
                + " each task's processes, CPU not limited";
    }

    @Override
    public boolean kernelEnforced() {
        return false;
    }

    @Override
    public TaskContainer prepare(String taskId, TaskResources resources) {
        return new Container(resources);
    }

    @Override
    public TaskContainer recover(String taskId, TaskResources resources) {
        return new Container(resources);
    }

    @Override
    public void removeOrphans(Set<String> liveTaskIds) {
        // nothing is created per task
    }

    @Override
    public void removeAgentHierarchy() {
        // nothing is created per agent
    }

    private static final class Container implements TaskContainer {
        private final TaskResources resources;

        Container(TaskResources resources) {
            this.resources = resources;
        }

        @Override
        public List<java.nio.file.Path> joinFiles() {
            return List.of();
        }

        @Override
        public long memoryBytes(ProcessIdentity root) {
            return ProcTreeUsage.rssBytes(root);
        }

        @Override
        public Duration cpuTime(ProcessIdentity root) {
            return ProcTreeUsage.cpuTime(root);
        }

        @Override
        public Optional<String> memoryLimitViolation(ProcessIdentity root) {
            long limit = resources.memoryLimitBytes();
            if (limit <= 0) {
                return Optional.empty();
            }
            long rss = ProcTreeUsage.rssBytes(root);
            if (rss > limit) {
                return Optional.of(String.format("memory limit exceeded: RSS %d MiB > limit %d MiB",
                        rss / (1024 * 1024), limit / (1024 * 1024)));
            }
            return Optional.empty();
        }

        @Override
        public Set<Long> remainingPids() {
            return Set.of();
        }

        @Override
        public boolean destroy() {
            return true;
        }
    }
}
