package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running task's stdout is rotated by copy and truncate while the task keeps writing to it. */
class SandboxLogRotationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    RunnerFixture agent;

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aChattyTasksStdoutStaysNearItsMaximumAndOnlyTheNewestRotatedFilesAreKept() throws Exception {
        long max = 4096;
        agent = new RunnerFixture(tmp.resolve("work"), SandboxLimits.DEFAULTS.withTaskLogs(max, 3));
        int lines = 3000;
        // about 30 KiB in about 1.5 s: bursts of 50 lines, then a pause; then it stays running
        agent.launch(agent.task("chatty", "i=0; while [ $i -lt " + lines + " ]; do echo \"line $i\"; i=$((i+1));"
                + " [ $((i % 50)) -eq 0 ] && sleep 0.02; done; echo done >&2; exec sleep 30").build());
        Sandbox sandbox = agent.runner.sandbox("chatty").orElseThrow();
        await().atMost(WAIT).until(() -> Files.readString(sandbox.stderr()).contains("done"));
        Thread.sleep(300); // the last check of the monitor

        List<String> all = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int n = 3; n >= 1; n--) {
            Path rotated = TaskLogRotation.numbered(sandbox.stdout(), n);
            assertThat(rotated).as("rotated file %d", n).exists();
            sizes.add(Files.size(rotated));
            all.addAll(Files.readAllLines(rotated));
        }
        sizes.add(Files.size(sandbox.stdout()));
        all.addAll(Files.readAllLines(sandbox.stdout()));
        int previous = -1;
        int lost = 0;
        for (String line : all) {
            assertThat(line).as("every line whole").matches("line \\d+");
            int n = Integer.parseInt(line.substring(5));
            assertThat(n).as("in order").isGreaterThan(previous);
            if (previous >= 0) {
                lost += n - previous - 1;
            }
            previous = n;
        }
        System.out.printf("%d lines written, stdout limit %d bytes, 3 rotated files: sizes (stdout.3 .. stdout) %s,"
                + " lines kept %d..%d, lines lost at a rotation %d%n", lines, max, sizes,
                Integer.parseInt(all.get(0).substring(5)), previous, lost);
        assertThat(TaskLogRotation.numbered(sandbox.stdout(), 4)).doesNotExist();
        // the limit plus what the task wrote until the next check (every 100 ms here)
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3 * max));
        assertThat(previous).isEqualTo(lines - 1);
        assertThat(all.get(0)).isNotEqualTo("line 0"); // the oldest output is gone
        assertThat(lost).isLessThanOrEqualTo(3);
    }
}
