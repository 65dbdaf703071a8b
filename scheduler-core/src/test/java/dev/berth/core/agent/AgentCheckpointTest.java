package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCheckpointTest {
    @TempDir
    Path workDir;

    private CheckpointedTask record(String id) {
        TaskLaunch launch = TaskLaunch.builder(id, "exec my-db --port $PORT0").taskName("node-0-server").podIndex(0)
                .env("HEAP", "512m").resources(TaskResources.of(0.5, 1024, 9042, 7000))
                .killGracePeriod(Duration.ofSeconds(45)).agentIp("127.0.0.3")
                .volume(new MountedVolume("vol-1", Path.of("/var/lib/berth/volumes/vol-1"), "data", MountedVolume.Mode.RO))
                .build();
        TaskStatus status = new TaskStatus(id, null, TaskState.RUNNING, TaskStatus.Reason.NONE, null, Optional.empty(),
                Optional.of(4242L), false, null, null);
        return new CheckpointedTask(launch, workDir.resolve("sandboxes").resolve(id), status, Optional.of(987654L),
                Optional.empty());
    }

    @Test
    void keepsAgentInfoAndTaskRecordsAcrossReopening() {
        CheckpointedTask a = record("a");
        CheckpointedTask b = record("b").withKill(new KillRequest(KillRequest.Cause.REQUESTED, "killed on request",
                Duration.ofSeconds(3)));
        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            checkpoint.saveAgent(new CheckpointedAgent("agent-7", "http://127.0.0.1:5050"));
            checkpoint.saveTask(b);
            checkpoint.saveTask(a);
        }

        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            assertThat(checkpoint.agent()).contains(new CheckpointedAgent("agent-7", "http://127.0.0.1:5050"));
            assertThat(checkpoint.tasks()).containsExactly(a, b);
            assertThat(checkpoint.task("a").orElseThrow().identity()).contains(new ProcessIdentity(4242, 987654));
            assertThat(checkpoint.task("b").orElseThrow().kill()).isPresent();
            checkpoint.removeTask("a");
            assertThat(checkpoint.tasks()).containsExactly(b);
            assertThat(checkpoint.task("missing")).isEmpty();
        }
    }

    @Test
    void theCheckpointFolderIsTheAgentsAloneEvenWhenAnOlderAgentMadeItReadableByAll() throws Exception {
        java.nio.file.Files.createDirectories(workDir.resolve("checkpoint"));
        java.nio.file.Files.setPosixFilePermissions(workDir.resolve("checkpoint"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            checkpoint.saveTask(record("a")); // a launch holds the task's config files, which may hold a secret
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(checkpoint.path()))).isEqualTo("rwx------");
        }
    }

    @Test
    void aStagingRecordHasNoIdentity() {
        CheckpointedTask staging = record("s").withStatus(TaskStatus.of("s", null, TaskState.STAGING, null));
        CheckpointedTask fresh = new CheckpointedTask(staging.launch(), staging.sandbox(), staging.status(), Optional.empty(),
                Optional.empty());
        try (AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir)) {
            checkpoint.saveTask(fresh);
            assertThat(checkpoint.task("s").orElseThrow().identity()).isEmpty();
            assertThat(checkpoint.task("s").orElseThrow().launch().podIndex()).hasValue(0);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefusedWithAClearMessage() {
        try (AgentCheckpoint first = AgentCheckpoint.open(workDir)) {
            assertThatThrownBy(() -> AgentCheckpoint.open(workDir)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("another agent");
        }
    }
}
