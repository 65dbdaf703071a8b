package dev.berth.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.reservations.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master's registry keeps a task's launch without any file's content: a password or a node's key stays out. */
class StoredTaskTest {
    @Test
    void theRegistryKeepsNoFileContentOfALaunch() {
        TaskInfo launched = new TaskInfo("node-0-server__1", "node-0-server", "agent-0", Resources.EMPTY,
                new CommandInfo("run", Map.of(), List.of(), "", Map.of("pw", "secret-password",
                        "tls/node.pem", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n")),
                List.of(), Duration.ofSeconds(30), Map.of());

        StoredTask stored = new StoredTask("fw-1", launched, TaskStatus.of(launched.taskId(), "agent-0", TaskState.RUNNING, "up"));

        assertThat(stored.info().command().files()).containsOnlyKeys("pw", "tls/node.pem");
        assertThat(stored.info().command().files().values())
                .noneMatch(c -> c.contains("secret-password") || c.contains("PRIVATE KEY"));
        assertThat(stored.info().command().files().get("pw")).startsWith("(15 bytes");
        // a new status keeps it hidden, and its size as it was
        assertThat(stored.withLatest(TaskStatus.of(launched.taskId(), "agent-0", TaskState.FINISHED, "done")).info())
                .isEqualTo(stored.info());
        // and so does reading it back from the registry (JSON)
        assertThat(BerthJson.fromBytes(BerthJson.toBytes(stored), StoredTask.class)).isEqualTo(stored);
    }
}
