package dev.berth.core.agent;

import dev.berth.core.protocol.TaskIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * cgroup v1 isolation: per task {@code <cpu>/berth/<agent>/<taskId>} with {@code cpu.shares} from
 * the task's cpus (and, with {@link CpuLimit#QUOTA}, a CFS quota {@code cpus x cpu.cfs_period_us}), and
 * {@code <memory>/berth/<agent>/<taskId>} with {@code memory.limit_in_bytes} (and the memory+swap
 * limit when swap accounting exists, so the limit is not dodged by swapping). When {@code cpuacct}
 * is a separate hierarchy the task joins a cgroup there too, for its CPU time. An OOM kill shows in
 * the {@code oom_kill} counter of {@code memory.oom_control}.
 */
public final class CgroupV1Isolation implements Isolation {
    private static final Logger LOG = Logger.getLogger(CgroupV1Isolation.class);
    private static final long MIN_QUOTA_US = 1000;

    private final Path cpuRoot;
    private final Path memoryRoot;
    private final Optional<Path> cpuacctRoot;
    private final CpuLimit cpuLimit;

    CgroupV1Isolation(Path cpuRoot, Path memoryRoot, Optional<Path> cpuacctRoot, CpuLimit cpuLimit) {
        this.cpuRoot = cpuRoot;
        this.memoryRoot = memoryRoot;
        this.cpuacctRoot = cpuacctRoot;
        this.cpuLimit = cpuLimit;
    }

    /**
     * Uses the v1 {@code cpu} and {@code memory} hierarchies if both are mounted and this process may
     * create cgroups in them; the message of the exception says what is missing.
     */
    static CgroupV1Isolation create(CgroupMounts mounts, String agentDirName, CpuLimit cpuLimit) throws IOException {
        Path cpu = mounts.v1("cpu").orElseThrow(() -> new IOException("no cgroup v1 'cpu' hierarchy is mounted"));
        Path memory = mounts.v1("memory")
                .orElseThrow(() -> new IOException("no cgroup v1 'memory' hierarchy is mounted"));
        Optional<Path> cpuacct = mounts.v1("cpuacct").filter(p -> !p.equals(cpu));
        Path cpuRoot = cpu.resolve("berth").resolve(agentDirName);
        Path memoryRoot = memory.resolve("berth").resolve(agentDirName);
        Optional<Path> cpuacctRoot = cpuacct.map(p -> p.resolve("berth").resolve(agentDirName));
        List<Path> roots = new ArrayList<>(List.of(cpuRoot, memoryRoot));
        cpuacctRoot.ifPresent(roots::add);
        for (Path root : roots) {
            CgroupProbe.requireWritable(root);
        }
        return new CgroupV1Isolation(cpuRoot, memoryRoot, cpuacctRoot, cpuLimit);
    }

    @Override
    public String describe() {
        return "cgroup v1: cpu " + cpuRoot + " (" + cpuLimit.name().toLowerCase() + "), memory " + memoryRoot
                + cpuacctRoot.map(p -> ", cpuacct " + p).orElse("");
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
        Container c = container(taskId, resources);
        for (Path dir : c.dirs()) {
            Files.createDirectories(dir);
        }
        if (resources.cpus() > 0) {
            if (cpuLimit == CpuLimit.QUOTA) {
                long period = CgroupFiles.readLong(c.cpu.resolve("cpu.cfs_period_us")).orElse(100_000);
                long quota = Math.max(MIN_QUOTA_US, Math.round(resources.cpus() * period));
                CgroupFiles.write(c.cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
            }
            CgroupFiles.write(c.cpu.resolve("cpu.shares"), Long.toString(CpuLimit.v1Shares(resources.cpus())));
        }
        long limit = resources.memoryLimitBytes();
        if (limit > 0) {
            CgroupFiles.write(c.memory.resolve("memory.limit_in_bytes"), Long.toString(limit));
            Path memsw = c.memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                try {
                    CgroupFiles.write(memsw, Long.toString(limit));
                } catch (IOException e) {
                    LOG.debugf("swap limit not set for %s: %s", taskId, e.getMessage());
                }
            }
        }
        return c;
    }

    @Override
    public TaskContainer recover(String taskId, TaskResources resources) {
        return container(taskId, resources);
    }

    private Container container(String taskId, TaskResources resources) {
        return new Container(cpuRoot.resolve(taskId), memoryRoot.resolve(taskId),
                cpuacctRoot.map(p -> p.resolve(taskId)), resources);
    }

    @Override
    public void removeOrphans(Set<String> liveTaskIds) {
        Set<String> orphans = new HashSet<>();
        for (Path root : roots()) {
            orphans.addAll(CgroupProbe.children(root));
        }
        orphans.removeAll(liveTaskIds);
        for (String taskId : orphans) {
            Container c = container(taskId, TaskResources.NONE);
            Set<Long> pids = c.remainingPids();
            if (!pids.isEmpty()) {
                LOG.warnf("cgroup of unknown task %s still holds pids %s; killing them", taskId, pids);
                pids.forEach(pid -> Signals.process(pid, Signals.Signal.KILL));
            }
            if (!CgroupProbe.destroyWithin(c, Duration.ofSeconds(2))) {
                LOG.warnf("could not remove the cgroups of unknown task %s", taskId);
            } else {
                LOG.infof("removed left-over cgroups of task %s", taskId);
            }
        }
    }

    @Override
    public void removeAgentHierarchy() {
        for (Path root : roots()) {
            CgroupProbe.removeHierarchy(root);
        }
    }

    private List<Path> roots() {
        List<Path> roots = new ArrayList<>(List.of(cpuRoot, memoryRoot));
        cpuacctRoot.ifPresent(roots::add);
        return roots;
    }

    private static final class Container implements TaskContainer {
        private final Path cpu;
        private final Path memory;
        private final Optional<Path> cpuacct;
        private final TaskResources resources;

        Container(Path cpu, Path memory, Optional<Path> cpuacct, TaskResources resources) {
            this.cpu = cpu;
            this.memory = memory;
            this.cpuacct = cpuacct;
            this.resources = resources;
        }

        List<Path> dirs() {
            List<Path> dirs = new ArrayList<>(List.of(cpu, memory));
            cpuacct.ifPresent(dirs::add);
            return dirs;
        }

        @Override
        public List<Path> joinFiles() {
            return dirs().stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        @Override
        public long memoryBytes(ProcessIdentity root) {
            return CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes")).orElse(0);
        }

        @Override
        public Duration cpuTime(ProcessIdentity root) {
            Path acct = cpuacct.orElse(cpu).resolve("cpuacct.usage");
            OptionalLong nanos = CgroupFiles.readLong(acct);
            return nanos.isPresent() ? Duration.ofNanos(nanos.getAsLong()) : ProcTreeUsage.cpuTime(root);
        }

        @Override
        public Optional<String> memoryLimitViolation(ProcessIdentity root) {
            Path control = memory.resolve("memory.oom_control");
            OptionalLong kills = CgroupFiles.readKey(control, "oom_kill");
            boolean oom = kills.isPresent() ? kills.getAsLong() > 0
                    : CgroupFiles.readKey(control, "under_oom").orElse(0) > 0;
            if (!oom) {
                return Optional.empty();
            }
            return Optional.of(String.format("memory limit exceeded: the kernel OOM killer stopped a process of the"
                    + " task at its limit of %d MiB (%s oom_kill=%d)", resources.memoryLimitBytes() / (1024 * 1024),
                    control, kills.orElse(1)));
        }

        @Override
        public Set<Long> remainingPids() {
            Set<Long> pids = new LinkedHashSet<>();
            for (Path dir : dirs()) {
                pids.addAll(CgroupFiles.pids(dir));
            }
            return pids;
        }

        @Override
        public boolean destroy() {
            boolean gone = true;
            for (Path dir : dirs()) {
                gone &= CgroupFiles.remove(dir);
            }
            return gone;
        }
    }
}
