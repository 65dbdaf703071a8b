package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.CheckInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's readiness passes once; a restarted agent re-attaches a ready task as ready, so it does not ask a
 * check again whose line may have been rotated out of stdout meanwhile.
 */
class TaskRunnerReadinessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    RunnerFixture agent;

    @AfterEach
    void stop() {
        agent.close();
    }

    private static CheckInfo check(String cmd) {
        return new CheckInfo(cmd, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(2), 1);
    }

    @Test
    void aReadyTaskIsReattachedReadyAfterItsReadinessLineWasRotatedAway() throws Exception {
        agent = new RunnerFixture(tmp.resolve("work"), SandboxLimits.DEFAULTS.withTaskLogs(1024, 1));
        agent.launch(agent.task("ready", "echo 'Starting listening for CQL clients'; sleep 1;"
                + " head -c 5000 /dev/zero | tr '\\0' x; echo; exec sleep 30").build());
        agent.launch(agent.task("not-ready", "exec sleep 30").build());
        Sandbox sandbox = agent.runner.sandbox("ready").orElseThrow();
        String check = "grep -q 'Starting listening for CQL clients' stdout";
        await().atMost(WAIT).until(() -> Files.readString(sandbox.stdout()).contains("Starting listening"));
        CheckShell shell = CheckShell.of(agent.runner.launchOf("ready").orElseThrow(), sandbox, agent.agentName);
        assertThat(CheckRunner.runOnce(check(check), shell).passed()).isTrue();
        assertThat(agent.runner.markReady("ready")).isTrue();
        // the task writes more than its log limit: the line goes to stdout.1, then out of stdout
        await().atMost(WAIT).until(() -> Files.exists(TaskLogRotation.numbered(sandbox.stdout(), 1)));
        await().atMost(WAIT).until(() -> !CheckRunner.runOnce(check(check), shell).passed());

        agent.restart();

        TaskStatus ready = agent.statuses.await("ready", TaskState.RUNNING, WAIT);
        TaskStatus notReady = agent.statuses.await("not-ready", TaskState.RUNNING, WAIT);
        System.out.printf("after the agent restart: %s %s ready=%s; %s %s ready=%s%n", ready.taskId(), ready.reason(),
                ready.ready(), notReady.taskId(), notReady.reason(), notReady.ready());
        assertThat(ready.reason()).isEqualTo(TaskStatus.Reason.REATTACHED);
        assertThat(ready.ready()).isTrue();
        assertThat(notReady.ready()).isFalse();
    }
}
