package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an agent reads of a task's file for the master: tails, pieces that follow, rotation, and no way out. */
class TaskFileReaderTest {
    @TempDir
    Path dir;
    Path sandbox;
    Path volume;

    @BeforeEach
    void aSandboxWithAVolume() throws IOException {
        sandbox = Files.createDirectories(dir.resolve("sandboxes/t-1"));
        volume = Files.createDirectories(dir.resolve("volumes/v-1"));
        Files.createSymbolicLink(sandbox.resolve("data"), volume);
        Files.writeString(sandbox.resolve("stdout"), "one\ntwo\nthree\nfour\n");
    }

    TaskFileAnswer read(String file, long offset, int tail, int limit) {
        return TaskFileReader.read(sandbox, List.of(volume), new TaskFileRead("t-1", file, offset, tail, limit));
    }

    @Test
    void theLastLinesOfAFile() {
        TaskFileChunk c = read("stdout", 0, 2, 4096).chunk();
        assertThat(c.data()).isEqualTo("three\nfour\n");
        assertThat(c.offset()).isEqualTo(8);
        assertThat(c.nextOffset()).isEqualTo(c.size()).isEqualTo(19);
        assertThat(read("stdout", 0, 10, 4096).chunk().data()).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(read("stdout", 0, 2, 6).chunk().data()).as("no further back than the limit").isEqualTo("\nfour\n");
    }

    @Test
    void aFollowerGetsWhatWasAddedSinceItsOffsetAndStartsAgainAfterARotation() throws IOException {
        TaskFileChunk first = read("stdout", 0, 0, 4096).chunk();
        Files.writeString(sandbox.resolve("stdout"), "five\n", java.nio.file.StandardOpenOption.APPEND);
        TaskFileChunk next = read("stdout", first.nextOffset(), 0, 4096).chunk();
        assertThat(next.data()).isEqualTo("five\n");
        assertThat(next.truncated()).isFalse();

        Files.writeString(sandbox.resolve("stdout"), "six\n"); // copied away and truncated, then written
        TaskFileChunk rotated = read("stdout", next.nextOffset(), 0, 4096).chunk();
        assertThat(rotated.truncated()).isTrue();
        assertThat(rotated.data()).isEqualTo("six\n");
    }

    @Test
    void aPieceEndsAtACharactersBoundary() throws IOException {
        Files.write(sandbox.resolve("stdout"), "añb€c".getBytes(StandardCharsets.UTF_8)); // a, ñ (2 bytes), b, € (3 bytes), c
        TaskFileChunk first = read("stdout", 0, 0, 5).chunk(); // would cut the euro sign after its first two bytes
        assertThat(first.data()).isEqualTo("añb");
        assertThat(first.nextOffset()).isEqualTo(4);
        TaskFileChunk rest = read("stdout", first.nextOffset(), 0, 100).chunk();
        assertThat(rest.data()).isEqualTo("€c");
    }

    @Test
    void aLogOnTheVolumeIsReadThroughItsMountButALinkOutOfTheSandboxIsRefused() throws IOException {
        Files.createDirectories(volume.resolve("logs"));
        Files.writeString(volume.resolve("logs/server.log"), "started\n");
        assertThat(read("data/logs/server.log", 0, 0, 4096).chunk().data()).isEqualTo("started\n");

        Path secret = Files.writeString(dir.resolve("elsewhere.log"), "not the task's\n");
        Files.createDirectories(sandbox.resolve("logs"));
        Files.createSymbolicLink(sandbox.resolve("logs/escape.log"), secret); // a link the task made
        TaskFileAnswer refused = read("logs/escape.log", 0, 0, 4096);
        assertThat(refused.chunk()).isNull();
        assertThat(refused.refused()).contains("leads outside the task's sandbox");
    }

    @Test
    void aMissingFileIsSaidSo() {
        TaskFileAnswer missing = read("logs/system.log", 0, 0, 4096);
        assertThat(missing.missing()).isEqualTo("task t-1 has no file 'logs/system.log'");
    }
}
