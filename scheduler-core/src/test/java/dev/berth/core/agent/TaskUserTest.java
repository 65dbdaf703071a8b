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
    void anUnknownUserIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TaskUser.of("no-such-user-berth", "a1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("user: 'no-such-user-berth' is not a user on agent a1");
    }
}
