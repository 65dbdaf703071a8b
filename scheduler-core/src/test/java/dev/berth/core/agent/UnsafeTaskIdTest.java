package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.reservations.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent never turns a task id that is not one plain path element into a path, whoever sent the
 * launch: it reports the launch as failed before it makes anything, and the sandbox and the cgroups
 * refuse such an id themselves.
 */
class UnsafeTaskIdTest {
    /** Relative ones only: should a check regress, the test makes its paths inside its temporary directory. */
    static final List<String> UNSAFE = List.of("../../etc", "a/b", "", ".", "..", "../sandboxes/x");

    @TempDir
    Path tmp;

    static TaskInfo task(String id) {
        return new TaskInfo(id, "node-0-server", "agent-1", Resources.parse("cpus:0.1;mem:32"), CommandInfo.of("true"),
                List.of(), Duration.ofSeconds(1), Map.of());
    }

    @Test
    void theAgentReportsTheLaunchAsFailedBeforeItPreparesAnything() {
        for (String id : UNSAFE) {
            TaskStatus status = Agent.refusedLaunch(task(id), "agent-1").orElseThrow();
            assertThat(status.taskId()).isEqualTo(id);
            assertThat(status.agentId()).isEqualTo("agent-1");
            assertThat(status.state()).isEqualTo(TaskState.FAILED);
            assertThat(status.launchFailed()).isTrue();
            assertThat(status.message()).isEqualTo("on agent agent-1: task_id: '" + id
                    + "' is not accepted; use 1-200 characters of [A-Za-z0-9._-] starting with a letter or digit");
        }
        assertThat(Agent.refusedLaunch(task("node-0-server__0b4c7f1e-9a52-4d0f-a1e3-7c2b9d5e6f80"), "agent-1")).isEmpty();
    }

    @Test
    void aSandboxIsNeverMadeOfSuchAnId() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work/agent-1"));
        for (String id : UNSAFE) {
            assertThatThrownBy(() -> Sandbox.of(work, id)).as(id).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("task_id: '" + id + "' is not accepted");
        }
        assertThat(Sandbox.of(work, "node-0-server__1").dir()).isEqualTo(work.resolve("sandboxes/node-0-server__1"));
        try (Stream<Path> made = Files.walk(tmp)) {
            assertThat(made).containsExactlyInAnyOrder(tmp, tmp.resolve("work"), work);
        }
    }

    @Test
    void noCgroupIsMadeForSuchAnId() throws IOException {
        Path unified = Files.createDirectories(tmp.resolve("cgroup/deep/down"));
        Files.writeString(unified.resolve("cgroup.controllers"), "cpu memory");
        CgroupV2Isolation isolation = CgroupV2Isolation.create(unified, "agent-1", CpuLimit.QUOTA);
        List<Path> before = directories(tmp);
        for (String id : UNSAFE) {
            assertThatThrownBy(() -> isolation.prepare(id, TaskResources.of(1, 64))).as(id).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("task_id: '" + id + "' is not accepted");
        }
        assertThat(directories(tmp)).isEqualTo(before);
        isolation.prepare("node-0-server__1", TaskResources.of(1, 64));
        assertThat(unified.resolve("berth/agent-1/node-0-server__1")).isDirectory();
    }

    static List<Path> directories(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isDirectory).sorted().toList();
        }
    }
}
