package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent restarts, simulated by closing the runner and checkpoint without killing tasks and opening
 * new ones on the same work directory: re-attach, ends while down, kills from outside, pid reuse.
 */
class TaskRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Runs until the test creates the file {@code go} in the sandbox, then exits with {@code code}. */
    private static final String UNTIL_GO = "while [ ! -f go ]; do sleep 0.05; done; exit ";

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
    void aRestartedAgentReattachesToTheRunningTaskAndReportsItsExit() throws Exception {
        TaskStatus running = agent.launch(agent.task("survivor", UNTIL_GO + "4").build());
        long pid = running.pid().orElseThrow();

        agent.restart();

        TaskStatus reattached = agent.statuses.await("survivor", TaskState.RUNNING, WAIT);
        assertThat(reattached.reason()).isEqualTo(TaskStatus.Reason.REATTACHED);
        assertThat(reattached.pid()).hasValue(pid);
        assertThat(agent.runner.status("survivor").orElseThrow().state()).isEqualTo(TaskState.RUNNING);

        Files.createFile(agent.runner.sandbox("survivor").orElseThrow().dir().resolve("go"));
        TaskStatus end = agent.statuses.awaitTerminal("survivor", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.exitCode()).hasValue(4);
        assertThat(end.pid()).hasValue(pid);
        assertThat(agent.statuses.states("survivor")).containsExactly(TaskState.RUNNING, TaskState.FAILED);
    }

    @Test
    void aReattachedTaskCanBeKilled() {
        agent.launch(agent.task("victim", "sleep 1000").build());
        agent.restart();
        agent.statuses.await("victim", TaskState.RUNNING, WAIT);

        agent.runner.kill("victim", Duration.ofSeconds(2));

        assertThat(agent.statuses.awaitTerminal("victim", WAIT).state()).isEqualTo(TaskState.KILLED);
    }

    @Test
    void aTaskThatEndedWhileTheAgentWasDownIsReportedWithItsExitStatus() throws Exception {
        ProcessIdentity wrapper = identity(agent.launch(agent.task("brief", UNTIL_GO + "7").build()));
        Path sandbox = agent.runner.sandbox("brief").orElseThrow().dir();

        agent.stopRunner();
        Files.createFile(sandbox.resolve("go"));
        await().atMost(WAIT).until(() -> !wrapper.alive());
        agent.reopen();

        TaskStatus end = agent.statuses.awaitTerminal("brief", WAIT);
        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.exitCode()).hasValue(7);
        assertThat(agent.checkpoint.task("brief").orElseThrow().state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void aTaskThatFinishedWhileTheAgentWasDownIsFinished() throws Exception {
        ProcessIdentity wrapper = identity(agent.launch(agent.task("done", UNTIL_GO + "0").build()));
        Path sandbox = agent.runner.sandbox("done").orElseThrow().dir();

        agent.stopRunner();
        Files.createFile(sandbox.resolve("go"));
        await().atMost(WAIT).until(() -> !wrapper.alive());
        agent.reopen();

        assertThat(agent.statuses.awaitTerminal("done", WAIT).state()).isEqualTo(TaskState.FINISHED);
    }

    @Test
    void aTaskKilledFromOutsideWhileTheAgentWasDownIsLost() {
        ProcessIdentity wrapper = identity(agent.launch(agent.task("shot", "sleep 1000").build()));

        agent.stopRunner();
        Signals.group(wrapper.pid(), Signals.Signal.KILL);
        await().atMost(WAIT).until(() -> !wrapper.alive());
        agent.reopen();

        TaskStatus end = agent.statuses.awaitTerminal("shot", WAIT);
        assertThat(end.state()).isEqualTo(TaskState.LOST);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.PROCESS_VANISHED);
    }

    @Test
    void aPidWithAnotherStartTimeIsAnotherProcessSoTheTaskIsLost() {
        ProcessIdentity wrapper = identity(agent.launch(agent.task("reused", "sleep 1000").build()));

        agent.stopRunner();
        // Pretend the pid was reused: the checkpoint remembers another start time than the process has.
        try (var checkpoint = AgentCheckpoint.open(agent.workDir)) {
            CheckpointedTask record = checkpoint.task("reused").orElseThrow();
            checkpoint.saveTask(new CheckpointedTask(record.launch(), record.sandbox(), record.status(),
                    Optional.of(wrapper.startTime() + 1), record.kill()));
        }
        agent.reopen();

        TaskStatus end = agent.statuses.awaitTerminal("reused", WAIT);
        assertThat(end.state()).isEqualTo(TaskState.LOST);
        assertThat(end.message()).satisfies(m -> assertThat(m).contains("different process"));
        assertThat(agent.statuses.states("reused")).doesNotContain(TaskState.RUNNING);
    }

    @Test
    void aKillInterruptedByAnAgentRestartIsCompletedAfterIt() throws Exception {
        agent.launch(agent.task("halfkilled", "trap '' TERM; echo ready; sleep 1000")
                .killGracePeriod(Duration.ofMillis(500)).build());
        Path stdout = agent.runner.sandbox("halfkilled").orElseThrow().stdout();
        await().atMost(WAIT).until(() -> Files.readString(stdout).contains("ready"));
        agent.runner.kill("halfkilled");

        // The agent dies during the grace period: nobody is left to send SIGKILL ...
        agent.stopRunner();
        Thread.sleep(700);
        agent.reopen();

        // ... but the kill was checkpointed, so the restarted agent finishes it.
        TaskStatus end = agent.statuses.awaitTerminal("halfkilled", WAIT);
        assertThat(end.state()).isEqualTo(TaskState.KILLED);
        assertThat(agent.statuses.states("halfkilled")).containsExactly(TaskState.RUNNING, TaskState.KILLED);
    }

    @Test
    void terminalTasksStayKnownAfterARestart() {
        agent.launch(agent.task("old", "exit 0").build());
        agent.statuses.awaitTerminal("old", WAIT);

        agent.restart();

        assertThat(agent.runner.status("old").orElseThrow().state()).isEqualTo(TaskState.FINISHED);
        assertThat(agent.statuses.of("old")).isEmpty();
        assertThat(agent.runner.forget("old")).isTrue();
        assertThat(agent.checkpoint.task("old")).isEmpty();
        assertThat(agent.workDir.resolve("sandboxes/old")).doesNotExist();
    }

    private static ProcessIdentity identity(TaskStatus running) {
        assertThat(running.state()).isEqualTo(TaskState.RUNNING);
        return ProcessIdentity.current(running.pid().orElseThrow()).orElseThrow();
    }
}
