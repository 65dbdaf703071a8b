package dev.berth.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which of a task's files a reader may ask for: output and logs, never configuration, never outside the sandbox. */
class TaskFilesTest {
    @ParameterizedTest
    @ValueSource(strings = {"stdout", "stderr", "stdout.1", "stderr.12", "logs/system.log", "logs/debug.log.1.zip",
            "data/logs/gc.log.0.current", "server.log", "kafka/controller.out", "logs/anything"})
    void outputAndLogsMayBeRead(String file) {
        assertThat(TaskFiles.problem(file)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf/cassandra.yaml", "server.properties", ".berth/wrapper.sh", "logs/../conf/x.log",
            "../other-task/stdout", "/etc/shadow.log", "logs//x.log", "logs/.hidden.log", "logs/", "stdout.x"})
    void configurationHiddenFilesAndPathsOutOfTheSandboxMayNot(String file) {
        assertThat(TaskFiles.problem(file)).get().asString().startsWith("file: '").contains("use stdout, stderr");
    }

    @Test
    void aReadNamesTheFieldTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> new TaskFileRead("t-1", "stdout", -1, 0, 10))
                .hasMessage("offset: -1 is negative; use a byte offset of 0 or more");
        assertThatThrownBy(() -> new TaskFileRead("t-1", "stdout", 0, 0, TaskFileRead.MAX_LIMIT + 1))
                .hasMessage("limit: 1048577 is out of range; use 1 to 1048576 bytes");
        assertThatThrownBy(() -> new TaskFileRead("t-1", "stdout", 0, -3, 10))
                .hasMessage("tail: -3 is out of range; use 0 (none) to 100000 lines");
        assertThatThrownBy(() -> new TaskFileRead("../t", "stdout", 0, 0, 10)).hasMessageStartingWith("task_id: '../t'");
        assertThatThrownBy(() -> new TaskFileRead("t-1", null, 0, 0, 10)).hasMessageStartingWith("file: missing");
    }
}
