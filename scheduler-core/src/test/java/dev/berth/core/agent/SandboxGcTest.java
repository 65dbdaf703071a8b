package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.volumes.ApparentSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sandboxes of ended tasks are removed by age and by disk watermark; real tasks, real files. */
class SandboxGcTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    RunnerFixture agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private Path sandboxes() {
        return agent.workDir.resolve("sandboxes");
    }

    private List<String> sandboxNames() {
        if (!Files.isDirectory(sandboxes())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sandboxes())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aTaskThatCrashLoops200TimesLeavesOnlyTheSandboxesOfItsLastSecond() {
        agent = new RunnerFixture(tmp.resolve("work"), SandboxLimits.DEFAULTS.withGcDelay(Duration.ofSeconds(1)));
        int crashes = 200;
        int most = 0;
        long started = System.nanoTime();
        for (int i = 0; i < crashes; i++) {
            String id = "node-0-server__" + i;
            agent.launch(agent.task(id, "echo crash " + i + "; echo oops >&2; exit 1").build());
            assertThat(agent.statuses.awaitTerminal(id, WAIT).state()).isEqualTo(TaskState.FAILED);
            most = Math.max(most, sandboxNames().size());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int checkpointedAtEnd = agent.checkpoint.tasks().size();

        await().atMost(WAIT).until(() -> sandboxNames().isEmpty());
        System.out.printf("%d crashes in %.1f s (%.0f a second), sandbox gc delay 1 s: at most %d sandboxes at once,"
                + " %d checkpointed tasks at the end of the loop, none of either 1 s later%n", crashes, seconds,
                crashes / seconds, most, checkpointedAtEnd);
        assertThat(most).isLessThanOrEqualTo((int) Math.ceil(crashes / seconds * 1.5) + 5);
        assertThat(agent.checkpoint.tasks()).isEmpty();
        assertThat(agent.runner.statuses()).isEmpty();
    }

    @Test
    void aDiskAboveTheWatermarkLosesTheOldestSandboxesOfEndedTasksButNeverOneOfARunningTask() throws Exception {
        agent = new RunnerFixture(tmp.resolve("work"), SandboxLimits.DEFAULTS); // the runner's own gc: a week, 90 % of the real disk
        String write100k = "head -c 102400 /dev/zero | tr '\\0' x";
        agent.launch(agent.task("running", write100k + "; exec sleep 30").build());
        for (int i = 0; i < 6; i++) {
            agent.launch(agent.task("ended-" + i, write100k).build());
            agent.statuses.awaitTerminal("ended-" + i, WAIT);
            Thread.sleep(5); // distinct end times: the oldest goes first
        }
        await().atMost(WAIT).until(() -> Files.size(agent.workDir.resolve("sandboxes/running/stdout")) == 102400);
        // a pretend disk of 1 MiB whose only files are the sandboxes: 7 x 100 KiB is 0.68 of it
        long mib = 1 << 20;
        SandboxGc gc = new SandboxGc(agent.runner, SandboxLimits.DEFAULTS.withDiskWatermark(0.35),
                () -> (double) sizeOf(sandboxes()) / mib, Clock.systemUTC());

        int removed = gc.collect();

        double after = (double) sizeOf(sandboxes()) / mib;
        System.out.printf("pretend disk 1 MiB, watermark 0.35: %d sandboxes removed, %.2f of the disk used after,"
                + " left: %s%n", removed, after, sandboxNames());
        assertThat(sandboxNames()).containsExactly("ended-4", "ended-5", "running");
        assertThat(after).isLessThanOrEqualTo(0.35);
        assertThat(agent.checkpoint.task("ended-0")).isEmpty();

        SandboxGc full = new SandboxGc(agent.runner, SandboxLimits.DEFAULTS, () -> 1.0, Clock.systemUTC());
        full.collect();
        assertThat(sandboxNames()).containsExactly("running");
        assertThat(agent.runner.status("running").map(TaskStatus::state)).hasValue(TaskState.RUNNING);
    }

    private static long sizeOf(Path dir) {
        try {
            return ApparentSize.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
