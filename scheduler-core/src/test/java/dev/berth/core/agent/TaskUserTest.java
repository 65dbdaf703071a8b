package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task of a pod with a {@code user} runs as that user, can write its sandbox and volume, and read its config files. */
class TaskUserTest {
    @TempDir
    Path tmp;
    RunnerFixture agent;

    @BeforeEach
    void start() {
        agent = new RunnerFixture(tmp.resolve("work"));
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void theCommandRunsAsTheUserAndWritesItsSandboxAndVolume() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            assertThatThrownBy(() -> TaskUser.of("nobody", "a1")).hasMessageContaining("only a root agent can switch users");
            return; // the refusal is what a non-root agent owes; the switch itself needs root
        }
        // JUnit's temp dir is private to root; an agent's work dir is traversable, as here
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path volume = Files.createDirectories(tmp.resolve("vol"));
        TaskUser nobody = TaskUser.of("nobody", "a1");
        nobody.own(volume);
        TaskLaunch launch = agent.task("as-nobody", nobody.wrap("id -un; echo mine > here.txt; echo kept > data/v.txt;"
                        + " cat conf/secret.txt", java.util.List.of("conf/secret.txt")))
                .volume(new MountedVolume("v1", volume, "data", MountedVolume.Mode.RW))
                .file("conf/secret.txt", "only for nobody\n").build();
        agent.launch(launch);
        TaskStatus end = agent.statuses.awaitTerminal("as-nobody", Duration.ofSeconds(10));

        assertThat(end.state()).as(end.toString()).isEqualTo(TaskState.FINISHED);
        Sandbox sandbox = agent.runner.sandbox("as-nobody").orElseThrow();
        // the config file, written owner-only by the agent, was handed to the user
        assertThat(Files.readString(sandbox.stdout())).isEqualTo("nobody\nonly for nobody\n");
        assertThat(Files.getOwner(sandbox.dir().resolve("conf/secret.txt")).getName()).isEqualTo("nobody");
        assertThat(Files.readString(sandbox.dir().resolve("here.txt"))).isEqualTo("mine\n");
        assertThat(Files.getOwner(volume.resolve("v.txt")).getName()).isEqualTo("nobody");
    }

    @Test
    void aTaskWithNoUserOrTheAgentsOwnNeedsNoSwitch() throws IOException {
        assertThat(TaskUser.forTask("", "t1", "a1")).isEmpty();
        assertThat(TaskUser.forTask(System.getProperty("user.name"), "t1", "a1")).isEmpty();
        // an agent that is not root cannot switch: the task runs as the agent's user, never as root
        assertThat(TaskUser.forTask("nobody", "t1", "a1").isPresent()).isEqualTo(isRoot());
    }

    @Test
    void aCheckRunsAsTheTasksUserWithTheSandboxAsHome() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "switching users needs a root agent");
        Sandbox sandbox = Sandbox.of(tmp.resolve("work"), "checked");
        sandbox.create(java.util.List.of());
        TaskLaunch launch = TaskLaunch.builder("checked", "true").user("nobody").build();
        CheckShell shell = CheckShell.of(launch, sandbox, "a1");

        CheckRunner.Result r = CheckRunner.runOnce(new dev.berth.core.protocol.CheckInfo("echo $(id -un) $HOME",
                Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(5), 1), shell);

        assertThat(r.detail()).isEqualTo("exit 0: nobody " + sandbox.dir());
    }

    @Test
    void aPathTheUserCannotTraverseIsRefusedNamingTheDirectoryThatStopsIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "switching users needs a root agent");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path closed = Files.createDirectories(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path sandboxes = Files.createDirectories(closed.resolve("sandboxes"));
        TaskUser nobody = TaskUser.of("nobody", "a1");

        assertThatThrownBy(() -> nobody.requireReachable(sandboxes, "its sandbox under"))
                .hasMessage("user: 'nobody' cannot reach its sandbox under " + sandboxes + ": " + closed
                        + " has mode 700 (owner uid 0); let other users traverse it (chmod o+x " + closed
                        + "), or keep the agent's --work-dir and --artifact-cache where they can");
        Path open = Files.createDirectories(tmp.resolve("open/sandboxes"));
        nobody.requireReachable(open, "its sandbox under");
    }

    @Test
    void aVolumeWrittenByAnotherUserIsHandedOverWholeOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "switching users needs a root agent");
        Path volume = Files.createDirectories(tmp.resolve("vol"));
        Files.createDirectories(volume.resolve("data/keyspace"));
        Files.writeString(volume.resolve("data/keyspace/table.db"), "rows written by a node that ran as root");
        TaskUser nobody = TaskUser.of("nobody", "a1");

        nobody.ownVolume(volume);

        try (var walk = Files.walk(volume)) {
            assertThat(walk.map(p -> {
                try {
                    return Files.getOwner(p).getName();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).distinct().toList()).containsExactly("nobody");
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void anUnknownUserIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TaskUser.of("no-such-user-berth", "a1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("user: 'no-such-user-berth' is not a user on agent a1");
    }
}
