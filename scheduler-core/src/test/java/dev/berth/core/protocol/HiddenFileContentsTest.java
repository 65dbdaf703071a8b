package dev.berth.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is kept of a launch: the files under a folder (a node's key in tls/), or all of them, without their contents. */
class HiddenFileContentsTest {
    static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n";
    static final CommandInfo COMMAND = new CommandInfo("run", Map.of("A", "1"), List.of("maven:g:a:1"), "17",
            Map.of("server.properties", "ssl.keystore.location=tls/node.pem\n", "tls/node.pem", KEY, "tls/ca.pem", "ca",
                    "tlsx/other", "kept"), "nobody");
    static final TaskInfo TASK = new TaskInfo("node-0-server__1", "node-0-server", "agent-0", Resources.EMPTY, COMMAND,
            List.of(), Duration.ofSeconds(30), Map.of("tls_expires", "2027-01-01T00:00:00Z"));

    @Test
    void onlyTheFilesUnderTheFolderAreHiddenAndTheirSizeIsShown() {
        CommandInfo hidden = COMMAND.withContentsHiddenUnder("tls/");

        assertThat(hidden.files()).containsOnlyKeys("server.properties", "tls/node.pem", "tls/ca.pem", "tlsx/other");
        assertThat(hidden.files().get("tls/node.pem")).doesNotContain("PRIVATE KEY").startsWith("(" + KEY.length() + " bytes");
        assertThat(hidden.files().get("tls/ca.pem")).startsWith("(2 bytes");
        assertThat(hidden.files()).containsEntry("server.properties", "ssl.keystore.location=tls/node.pem\n")
                .containsEntry("tlsx/other", "kept");
        assertThat(hidden.shell()).isEqualTo("run");
        assertThat(hidden.environment()).isEqualTo(COMMAND.environment());
        assertThat(hidden.artifacts()).isEqualTo(COMMAND.artifacts());
        assertThat(hidden.user()).isEqualTo("nobody");
    }

    @Test
    void aTaskWithTheTlsFolderHiddenIsTheSameLaunchWithoutTheKey() {
        TaskInfo hidden = TASK.withContentsHiddenUnder("tls/");

        assertThat(hidden.command()).isEqualTo(COMMAND.withContentsHiddenUnder("tls/"));
        assertThat(hidden.command().files().values()).noneMatch(content -> content.contains("PRIVATE KEY"));
        assertThat(hidden).usingRecursiveComparison().ignoringFields("command").isEqualTo(TASK);
    }

    @Test
    void hidingEveryFileLeavesNoContentAtAll() {
        CommandInfo hidden = COMMAND.withFileContentsHidden();

        assertThat(hidden.files()).containsOnlyKeys(COMMAND.files().keySet());
        assertThat(hidden.files().values()).allSatisfy(content -> assertThat(content).contains("bytes, not shown"));
    }

    @Test
    void hidingAgainWhatIsHiddenStillShowsTheOriginalSize() {
        // the state store keeps a launch with tls/ hidden; the API hides every file of it again
        CommandInfo shown = COMMAND.withContentsHiddenUnder("tls/").withFileContentsHidden();

        assertThat(shown.files().get("tls/node.pem")).startsWith("(" + KEY.length() + " bytes");
        assertThat(shown).isEqualTo(COMMAND.withFileContentsHidden());
    }
}
