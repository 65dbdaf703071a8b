package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 isolation against a directory tree that imitates the unified hierarchy (this test
 * machine mounts v1 controllers), to check which files get which values.
 */
class CgroupV2IsolationTest {
    @TempDir
    Path unified;

    @Test
    void enablesControllersAndWritesLimits() throws IOException {
        Files.writeString(unified.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        Files.writeString(unified.resolve("cgroup.subtree_control"), "");

        CgroupV2Isolation isolation = CgroupV2Isolation.create(unified, "agent-1", CpuLimit.QUOTA);
        TaskContainer container = isolation.prepare("node-0", TaskResources.of(1.5, 256));

        Path dir = unified.resolve("berth/agent-1/node-0");
        assertThat(Files.readString(unified.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory");
        assertThat(Files.readString(unified.resolve("berth/cgroup.subtree_control"))).isEqualTo("+cpu +memory");
        assertThat(Files.readString(unified.resolve("berth/agent-1/cgroup.subtree_control")))
                .isEqualTo("+cpu +memory");
        assertThat(Files.readString(dir.resolve("cpu.max"))).isEqualTo("150000 100000");
        assertThat(Files.readString(dir.resolve("memory.max"))).isEqualTo(Long.toString(256L << 20));
        assertThat(container.joinFiles()).containsExactly(dir.resolve("cgroup.procs"));
    }

    @Test
    void bySharesOnlyTheWeightIsWrittenAndNoCeiling() throws IOException {
        Files.writeString(unified.resolve("cgroup.controllers"), "cpu memory");
        CgroupV2Isolation isolation = CgroupV2Isolation.create(unified, "agent-1", CpuLimit.SHARES);
        isolation.prepare("node-0", TaskResources.of(1.5, 256));

        Path dir = unified.resolve("berth/agent-1/node-0");
        assertThat(Files.readString(dir.resolve("cpu.weight"))).isEqualTo("150");
        assertThat(dir.resolve("cpu.max")).doesNotExist();
    }

    @Test
    void readsUsageAndOomKillsFromTheCgroupFiles() throws IOException {
        Files.writeString(unified.resolve("cgroup.controllers"), "cpu memory");
        CgroupV2Isolation isolation = CgroupV2Isolation.create(unified, "agent-1", CpuLimit.QUOTA);
        TaskContainer container = isolation.prepare("node-0", TaskResources.of(1, 50));
        Path dir = unified.resolve("berth/agent-1/node-0");
        ProcessIdentity nobody = new ProcessIdentity(0, 0);
        Files.writeString(dir.resolve("memory.current"), "1048576\n");
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\n");
        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n");

        assertThat(container.memoryBytes(nobody)).isEqualTo(1048576);
        assertThat(container.cpuTime(nobody)).isEqualTo(Duration.ofMillis(2500));
        assertThat(container.memoryLimitViolation(nobody)).isEmpty();

        Files.writeString(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        assertThat(container.memoryLimitViolation(nobody)).hasValueSatisfying(
                m -> assertThat(m).startsWith("memory limit exceeded").contains("50 MiB"));
    }

    @Test
    void refusesAHierarchyWithoutCpuAndMemory() throws IOException {
        Files.writeString(unified.resolve("cgroup.controllers"), "hugetlb\n");

        assertThatThrownBy(() -> CgroupV2Isolation.create(unified, "agent-1", CpuLimit.QUOTA))
                .isInstanceOf(IOException.class).hasMessageContaining("hugetlb").hasMessageContaining("cpu and memory");
    }
}
