package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.CheckInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and health checks run as real shell commands in a task's sandbox, with its environment. */
class CheckRunnerTest {
    @TempDir
    Path work;

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CheckRunner checks = new CheckRunner("test", new CheckRunner.Outcome() {
        @Override
        public void ready(String taskId) {
            events.add("ready " + taskId);
        }

        @Override
        public void unhealthy(String taskId, String why) {
            events.add("unhealthy " + taskId + ": " + why);
        }
    });

    @AfterEach
    void close() {
        checks.close();
    }

    static CheckInfo check(String cmd, int maxFailures) {
        return new CheckInfo(cmd, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(2), maxFailures);
    }

    Sandbox sandbox(String id) throws Exception {
        Sandbox s = Sandbox.of(work, id);
        s.create(List.of());
        return s;
    }

    String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("a check outcome within 10 s").isNotNull();
        return e;
    }

    @Test
    void readinessPassesOnceTheCommandSucceedsInTheSandboxWithTheTasksEnvironment() throws Exception {
        Sandbox sb = sandbox("t1");
        TaskLaunch launch = TaskLaunch.builder("t1", "true").env("FLAG", "ready.flag")
                .readiness(check("test -f \"$FLAG\"", 1)).build();
        checks.watch(launch, sb, false);
        assertThat(events.poll(400, TimeUnit.MILLISECONDS)).isNull(); // not ready while the file is missing
        Files.writeString(sb.dir().resolve("ready.flag"), "x");
        assertThat(next()).isEqualTo("ready t1");
    }

    @Test
    void aTaskWithoutReadinessIsReadyAtOnce() throws Exception {
        checks.watch(TaskLaunch.builder("t2", "true").build(), sandbox("t2"), false);
        assertThat(next()).isEqualTo("ready t2");
    }

    @Test
    void healthFailuresInARowMakeTheTaskUnhealthyWithTheLastOutput() throws Exception {
        Sandbox sb = sandbox("t3");
        Files.writeString(sb.dir().resolve("healthy"), "x");
        TaskLaunch launch = TaskLaunch.builder("t3", "true")
                .health(check("test -f healthy || { echo sick; exit 3; }", 3)).build();
        checks.watch(launch, sb, false);
        assertThat(next()).isEqualTo("ready t3");
        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull(); // healthy while the file is there
        Files.delete(sb.dir().resolve("healthy"));
        assertThat(next()).isEqualTo("unhealthy t3: health check failed 3 times in a row: exit 3: sick");
    }

    @Test
    void aCheckThatHangsIsCutAtItsTimeout() {
        CheckRunner.Result r = CheckRunner.runOnce(new CheckInfo("sleep 30", Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofMillis(300), 1), CheckShell.asAgent(work, java.util.Map.of("PATH", "/usr/bin:/bin")));
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("timed out after 300ms");
    }
}
