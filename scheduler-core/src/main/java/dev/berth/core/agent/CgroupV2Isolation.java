package dev.berth.core.agent;

import dev.berth.core.protocol.TaskIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * cgroup v2 (unified hierarchy) isolation: per task {@code <unified>/berth/<agent>/<taskId>} with
 * {@code cpu.max = "<cpus x period> <period>"}, {@code memory.max}, no swap and
 * {@code memory.oom.group} (an OOM kill takes the whole task down, not one random process). The
 * {@code cpu} and {@code memory} controllers are enabled down the path through
 * {@code cgroup.subtree_control}. An OOM kill shows in {@code memory.events}.
 */
public final class CgroupV2Isolation implements Isolation {
    private static final Logger LOG = Logger.getLogger(CgroupV2Isolation.class);
    private static final long PERIOD_US = 100_000;
    private static final long MIN_QUOTA_US = 1000;
    private static final List<String> CONTROLLERS = List.of("cpu", "memory");

    private final Path agentRoot;
    private final CpuLimit cpuLimit;

    CgroupV2Isolation(Path agentRoot, CpuLimit cpuLimit) {
        this.agentRoot = agentRoot;
        this.cpuLimit = cpuLimit;
    }

    /** Uses the unified hierarchy when it offers cpu and memory and this process may create cgroups in it. */
    static CgroupV2Isolation create(CgroupMounts mounts, String agentDirName, CpuLimit cpuLimit) throws IOException {
        Path unified = mounts.v2().orElseThrow(() -> new IOException("no cgroup v2 hierarchy is mounted"));
        return create(unified, agentDirName, cpuLimit);
    }

    static CgroupV2Isolation create(Path unified, String agentDirName, CpuLimit cpuLimit) throws IOException {
        Set<String> available = controllers(unified.resolve("cgroup.controllers"));
        if (!available.containsAll(CONTROLLERS)) {
            throw new IOException("the cgroup v2 hierarchy at " + unified + " offers controllers " + available
                    + ", not both cpu and memory");
        }
        Path berth = unified.resolve("berth");
        Path agentRoot = berth.resolve(agentDirName);
        CgroupProbe.requireWritable(agentRoot);
        for (Path dir : List.of(unified, berth, agentRoot)) {
            enableControllers(dir);
        }
        return new CgroupV2Isolation(agentRoot, cpuLimit);
    }

    private static void enableControllers(Path dir) throws IOException {
        Path subtree = dir.resolve("cgroup.subtree_control");
        Set<String> enabled = controllers(subtree);
        if (!enabled.containsAll(CONTROLLERS)) {
            CgroupFiles.write(subtree, "+cpu +memory");
        }
    }

    private static Set<String> controllers(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(text.split("\\s+")));
        } catch (IOException e) {
            return Set.of();
        }
    }

    @Override
    public String describe() {
        return "cgroup v2: cpu (" + cpuLimit.name().toLowerCase() + ") and memory under " + agentRoot;
    }

    @Override
    public boolean kernelEnforced() {
        return true;
    }

    @Override
    public TaskContainer prepare(String taskId, TaskResources resources) throws IOException {
        if (!TaskIds.isSafe(taskId)) {
            throw new IOException(TaskIds.problem(taskId).orElseThrow()); // the id names the cgroup directory
        }
        Container c = new Container(agentRoot.resolve(taskId), resources);
        Files.createDirectories(c.dir);
        if (resources.cpus() > 0) {
            CgroupFiles.write(c.dir.resolve("cpu.weight"), Long.toString(CpuLimit.v2Weight(resources.cpus())));
            if (cpuLimit == CpuLimit.QUOTA) {
                long quota = Math.max(MIN_QUOTA_US, Math.round(resources.cpus() * PERIOD_US));
                CgroupFiles.write(c.dir.resolve("cpu.max"), quota + " " + PERIOD_US);
            }
        }
        long limit = resources.memoryLimitBytes();
        if (limit > 0) {
            CgroupFiles.write(c.dir.resolve("memory.max"), Long.toString(limit));
            writeIfPresent(c.dir.resolve("memory.swap.max"), "0");
        }
        writeIfPresent(c.dir.resolve("memory.oom.group"), "1");
        return c;
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                CgroupFiles.write(file, value);
            } catch (IOException e) {
                LOG.debugf("optional cgroup setting not applied: %s", e.getMessage());
            }
        }
    }

    @Override
    public TaskContainer recover(String taskId, TaskResources resources) {
        return new Container(agentRoot.resolve(taskId), resources);
    }

    @Override
    public void removeOrphans(Set<String> liveTaskIds) {
        for (String taskId : CgroupProbe.children(agentRoot)) {
            if (liveTaskIds.contains(taskId)) {
                continue;
            }
            Container c = new Container(agentRoot.resolve(taskId), TaskResources.NONE);
            Set<Long> pids = c.remainingPids();
            if (!pids.isEmpty()) {
                LOG.warnf("cgroup of unknown task %s still holds pids %s; killing them", taskId, pids);
                pids.forEach(pid -> Signals.process(pid, Signals.Signal.KILL));
            }
            if (!CgroupProbe.destroyWithin(c, Duration.ofSeconds(2))) {
                LOG.warnf("could not remove the cgroup of unknown task %s", taskId);
            }
        }
    }

    @Override
    public void removeAgentHierarchy() {
        CgroupProbe.removeHierarchy(agentRoot);
    }

    static final class Container implements TaskContainer {
        final Path dir;
        private final TaskResources resources;

        Container(Path dir, TaskResources resources) {
            this.dir = dir;
            this.resources = resources;
        }

        @Override
        public List<Path> joinFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public long memoryBytes(ProcessIdentity root) {
            return CgroupFiles.readLong(dir.resolve("memory.current")).orElse(0);
        }

        @Override
        public Duration cpuTime(ProcessIdentity root) {
            OptionalLong usec = CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec");
            return usec.isPresent() ? Duration.ofNanos(usec.getAsLong() * 1000) : ProcTreeUsage.cpuTime(root);
        }

        @Override
        public Optional<String> memoryLimitViolation(ProcessIdentity root) {
            Path events = dir.resolve("memory.events");
            long kills = Math.max(CgroupFiles.readKey(events, "oom_kill").orElse(0),
                    CgroupFiles.readKey(events, "oom_group_kill").orElse(0));
            if (kills <= 0) {
                return Optional.empty();
            }
            return Optional.of(String.format("memory limit exceeded: the kernel OOM killer stopped the task at its"
                    + " limit of %d MiB (%s oom_kill=%d)", resources.memoryLimitBytes() / (1024 * 1024), events, kills));
        }

        @Override
        public Set<Long> remainingPids() {
            return CgroupFiles.pids(dir);
        }

        @Override
        public boolean destroy() {
            return CgroupFiles.remove(dir);
        }
    }
}
