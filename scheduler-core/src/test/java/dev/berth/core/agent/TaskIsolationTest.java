package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits on real tasks: the kernel's (cgroups, as probed on this machine) and the agent's own
 * measuring fallback. Only the cgroup tests are skipped, and only on a machine where cgroups cannot
 * be written.
 */
class TaskIsolationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Allocates about 200 MiB: GNU tail keeps all input in memory while it finds no newline. */
    private static final String EAT_200_MIB = "head -c 200m /dev/zero | tail";

    @TempDir
    Path tmp;
    RunnerFixture agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private RunnerFixture cgroupAgent() {
        agent = new RunnerFixture(tmp.resolve("work"));
        assumeTrue(agent.isolation.kernelEnforced(), () -> "cgroups cannot be written here: "
                + agent.isolation.describe());
        return agent;
    }

    @Test
    void underCgroupsAnOomKilledTaskFailsWithTheMemoryReason() {
        cgroupAgent();
        agent.launch(agent.task("hog", EAT_200_MIB).resources(TaskResources.of(1, 50)).build());

        TaskStatus end = agent.statuses.awaitTerminal("hog", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.MEMORY_LIMIT);
        assertThat(end.message()).satisfies(m -> assertThat(m).startsWith("memory limit exceeded"));
    }

    @Test
    void theWrapperJoinsTheTasksCgroupsBeforeTheCommandRunsAndTheyAreRemovedAfterwards() throws IOException {
        cgroupAgent();
        agent.launch(agent.task("inside", "cat /proc/self/cgroup").resources(TaskResources.of(0.5, 64)).build());
        agent.statuses.await("inside", TaskState.FINISHED, WAIT);

        List<String> cgroups = Files.readAllLines(agent.runner.sandbox("inside").orElseThrow().stdout());
        String expected = "/berth/" + agent.agentName + "/inside";
        if (agent.isolation instanceof CgroupV1Isolation) {
            assertThat(cgroups).anyMatch(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:" + expected))
                    .anyMatch(l -> l.matches("\\d+:([^:]*,)?cpu(,[^:]*)?:" + expected));
        } else {
            assertThat(cgroups).anyMatch(l -> l.equals("0::" + expected));
        }
        await().atMost(WAIT).until(() -> agent.isolation.recover("inside", TaskResources.NONE).destroy());
        assertThat(agent.isolation.describe()).contains("berth/" + agent.agentName);
    }

    @Test
    void underCgroupsTheLimitsAreWrittenFromTheResources() throws IOException {
        cgroupAgent();
        TaskContainer container = agent.isolation.prepare("limits", TaskResources.of(0.5, 64));
        try {
            if (agent.isolation instanceof CgroupV1Isolation) {
                Path memory = container.joinFiles().stream().filter(p -> p.toString().contains("/memory/"))
                        .findFirst().orElseThrow().getParent();
                Path cpu = container.joinFiles().get(0).getParent();
                assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim())
                        .isEqualTo(Long.toString(64L * 1024 * 1024));
                long period = Long.parseLong(Files.readString(cpu.resolve("cpu.cfs_period_us")).trim());
                assertThat(Long.parseLong(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()))
                        .isEqualTo(period / 2);
            } else {
                Path dir = container.joinFiles().get(0).getParent();
                assertThat(Files.readString(dir.resolve("memory.max")).trim()).isEqualTo(Long.toString(64L << 20));
                assertThat(Files.readString(dir.resolve("cpu.max")).trim()).isEqualTo("50000 100000");
            }
        } finally {
            assertThat(container.destroy()).isTrue();
        }
    }

    @Test
    void bySharesATaskGetsItsWeightAndNoCeiling() throws IOException {
        String name = RunnerFixture.newAgentName();
        agent = new RunnerFixture(tmp.resolve("work"), name, Isolations.probe(name, CpuLimit.SHARES));
        assumeTrue(agent.isolation.kernelEnforced(), () -> "cgroups cannot be written here: " + agent.isolation.describe());
        TaskContainer container = agent.isolation.prepare("shared", TaskResources.of(0.5, 64));
        try {
            Path cpu = container.joinFiles().get(0).getParent();
            if (agent.isolation instanceof CgroupV1Isolation) {
                assertThat(Files.readString(cpu.resolve("cpu.shares")).trim()).isEqualTo("512");
                assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("-1");
            } else {
                assertThat(Files.readString(cpu.resolve("cpu.weight")).trim()).isEqualTo("50");
                assertThat(Files.readString(cpu.resolve("cpu.max")).trim()).startsWith("max");
            }
        } finally {
            assertThat(container.destroy()).isTrue();
        }
    }

    @Test
    void whenOnlyMeasuringTheAgentKillsATaskOverItsMemoryLimit() {
        agent = new RunnerFixture(tmp.resolve("work"), new MeasuringIsolation("forced by the test"));
        // tail holds its 200 MiB while blocked writing to sleep, which never reads.
        agent.launch(agent.task("measured", EAT_200_MIB + " | sleep 1000").resources(TaskResources.of(1, 50))
                .build());

        TaskStatus end = agent.statuses.awaitTerminal("measured", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.MEMORY_LIMIT);
        assertThat(end.message()).satisfies(
                m -> assertThat(m).matches("memory limit exceeded: RSS \\d+ MiB > limit 50 MiB"));
    }

    @Test
    void whenOnlyMeasuringATaskWithinItsLimitRuns() {
        agent = new RunnerFixture(tmp.resolve("work"), new MeasuringIsolation("forced by the test"));
        agent.launch(agent.task("small", "head -c 1m /dev/zero | tail > /dev/null; sleep 1000")
                .resources(TaskResources.of(1, 50)).build());

        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> agent.runner.usage("small").orElseThrow().memoryBytes() > 0);
        assertThat(agent.runner.status("small").orElseThrow().state()).isEqualTo(TaskState.RUNNING);
    }
}
