package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch, exit, kill and usage of real {@code sh -c} tasks under the isolation this machine offers. */
class TaskRunnerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void runsTheCommandInItsSandboxWithBerthEnvironmentAndOutputFiles() throws IOException {
        TaskLaunch launch = agent.task("node-0-server__1", "echo \"id=$BERTH_TASK_ID name=$BERTH_TASK_NAME"
                        + " pod=$BERTH_POD_INDEX ip=$BERTH_AGENT_IP ports=$BERTH_PORTS p0=$PORT0 p1=$PORT1"
                        + " custom=$CUSTOM\"; echo \"sandbox=$BERTH_SANDBOX\"; echo \"pwd=$(pwd)\"; echo oops >&2")
                .taskName("node-0-server").podIndex(0).agentIp("127.0.0.2").env("CUSTOM", "x y")
                .resources(TaskResources.of(0.1, 32, 31000, 31001)).build();

        agent.launch(launch);
        TaskStatus end = agent.statuses.awaitTerminal("node-0-server__1", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FINISHED);
        assertThat(end.exitCode()).hasValue(0);
        assertThat(agent.statuses.states("node-0-server__1"))
                .containsExactly(TaskState.STAGING, TaskState.STARTING, TaskState.RUNNING, TaskState.FINISHED);
        Sandbox sandbox = agent.runner.sandbox("node-0-server__1").orElseThrow();
        assertThat(sandbox.dir()).isEqualTo(agent.workDir.resolve("sandboxes/node-0-server__1"));
        assertThat(Files.readAllLines(sandbox.stdout())).containsExactly(
                "id=node-0-server__1 name=node-0-server pod=0 ip=127.0.0.2 ports=31000,31001 p0=31000 p1=31001 custom=x y",
                "sandbox=" + sandbox.dir(), "pwd=" + sandbox.dir());
        assertThat(Files.readString(sandbox.stderr())).isEqualTo("oops\n");
        CheckpointedTask record = agent.checkpoint.task("node-0-server__1").orElseThrow();
        assertThat(record.state()).isEqualTo(TaskState.FINISHED);
        assertThat(record.pidStartTime()).isPresent();
        assertThat(record.status().pid()).isEqualTo(end.pid());
    }

    @Test
    void configFilesAreWrittenReadableByTheirOwnerOnly() throws IOException {
        TaskLaunch launch = agent.task("with-config", "cat conf/app.conf").file("conf/app.conf", "password=p\n").build();

        agent.launch(launch);
        TaskStatus end = agent.statuses.awaitTerminal("with-config", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FINISHED);
        Sandbox sandbox = agent.runner.sandbox("with-config").orElseThrow();
        assertThat(Files.readString(sandbox.stdout())).isEqualTo("password=p\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(sandbox.dir().resolve("conf/app.conf")))).isEqualTo("rw-------");
    }

    @Test
    void theTaskEnvironmentDoesNotInheritTheAgentsEnvironment() throws IOException {
        agent.launch(agent.task("env", "env | cut -d= -f1 | sort").build());
        agent.statuses.await("env", TaskState.FINISHED, WAIT);

        List<String> names = Files.readAllLines(agent.runner.sandbox("env").orElseThrow().stdout());
        assertThat(names).contains("PATH", "BERTH_TASK_ID", "BERTH_SANDBOX", "BERTH_PORTS")
                .doesNotContain("HOME", "JAVA_HOME", "MAVEN_OPTS");
    }

    @Test
    void volumesAreReachableAtTheirContainerPaths() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("volumes/data-1"));
        Path logs = Files.createDirectories(tmp.resolve("volumes/logs-1"));
        Files.writeString(data.resolve("hello.txt"), "kept across restarts\n");
        TaskLaunch launch = agent.task("db", "cat data/hello.txt > seen.txt && echo new > var/lib/logs/written.txt")
                .volume(new MountedVolume("data-1", data, "data", MountedVolume.Mode.RW))
                .volume(new MountedVolume("logs-1", logs, "var/lib/logs", MountedVolume.Mode.RW)).build();

        agent.launch(launch);
        agent.statuses.await("db", TaskState.FINISHED, WAIT);

        Path sandbox = agent.runner.sandbox("db").orElseThrow().dir();
        assertThat(Files.readString(sandbox.resolve("seen.txt"))).isEqualTo("kept across restarts\n");
        assertThat(Files.readString(logs.resolve("written.txt"))).isEqualTo("new\n");
        assertThat(Files.readSymbolicLink(sandbox.resolve("var/lib/logs"))).isEqualTo(logs);
        assertThat(agent.checkpoint.task("db").orElseThrow().launch().volumes()).hasSize(2);
    }

    @Test
    void aMissingVolumeFailsTheLaunchWithoutStartingAProcess() {
        TaskLaunch launch = agent.task("novol", "echo should-not-run")
                .volume(new MountedVolume("gone", tmp.resolve("no-such-dir"), "data", MountedVolume.Mode.RW)).build();

        TaskStatus status = agent.launch(launch);

        assertThat(status.state()).isEqualTo(TaskState.FAILED);
        assertThat(status.reason()).isEqualTo(TaskStatus.Reason.LAUNCH_FAILED);
        assertThat(status.message()).satisfies(m -> assertThat(m).contains("gone", "no-such-dir"));
        assertThat(status.pid()).isEmpty();
        assertThat(agent.statuses.states("novol")).containsExactly(TaskState.STAGING, TaskState.FAILED);
    }

    @Test
    void aTaskIdIsUsedOncePerAgent() {
        agent.launch(agent.task("once", "true").build());
        assertThatThrownBy(() -> agent.launch(agent.task("once", "true").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    }

    @Test
    void nonZeroExitIsFailedWithTheExitCode() {
        agent.launch(agent.task("three", "echo failing; exit 3").build());

        TaskStatus end = agent.statuses.awaitTerminal("three", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.COMMAND_EXITED);
        assertThat(end.exitCode()).hasValue(3);
        assertThat(end.message()).isEqualTo("command exited with status 3");
    }

    @Test
    void aTaskIgnoringSigtermIsSigkilledAfterTheGracePeriodAndReportedKilled() throws Exception {
        agent.launch(agent.task("stubborn", "trap '' TERM; echo ready; sleep 1000")
                .killGracePeriod(Duration.ofMillis(400)).build());
        Sandbox sandbox = agent.runner.sandbox("stubborn").orElseThrow();
        await().atMost(WAIT).until(() -> Files.readString(sandbox.stdout()).contains("ready"));
        long pgid = agent.runner.status("stubborn").orElseThrow().pid().orElseThrow();

        long asked = System.nanoTime();
        assertThat(agent.runner.kill("stubborn")).isTrue();
        TaskStatus end = agent.statuses.awaitTerminal("stubborn", WAIT);
        long tookMillis = (System.nanoTime() - asked) / 1_000_000;

        assertThat(end.state()).isEqualTo(TaskState.KILLED);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.KILL_REQUESTED);
        assertThat(tookMillis).isGreaterThanOrEqualTo(400);
        await().atMost(WAIT).until(() -> !RunnerFixture.groupAlive(pgid));
    }

    @Test
    void killSignalsTheWholeProcessGroup() throws Exception {
        agent.launch(agent.task("family", "sleep 1000 & echo $! > child.pid; wait")
                .killGracePeriod(Duration.ofSeconds(5)).build());
        Path childPid = agent.runner.sandbox("family").orElseThrow().dir().resolve("child.pid");
        await().atMost(WAIT).until(() -> Files.exists(childPid) && !Files.readString(childPid).isBlank());
        ProcessIdentity child = ProcessIdentity.current(Long.parseLong(Files.readString(childPid).trim()))
                .orElseThrow();

        long asked = System.nanoTime();
        agent.runner.kill("family");
        TaskStatus end = agent.statuses.awaitTerminal("family", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.KILLED);
        assertThat((System.nanoTime() - asked) / 1_000_000).as("ended by SIGTERM, well before the grace period")
                .isLessThan(4000);
        await().atMost(WAIT).until(() -> !child.alive());
    }

    @Test
    void processesLeftBehindByAnEndedTaskAreKilled() throws Exception {
        agent.launch(agent.task("leaver", "sleep 1000 & echo $! > child.pid").build());
        agent.statuses.await("leaver", TaskState.FINISHED, WAIT);
        Path childPid = agent.runner.sandbox("leaver").orElseThrow().dir().resolve("child.pid");
        long pid = Long.parseLong(Files.readString(childPid).trim());

        await().atMost(WAIT).until(() -> ProcessIdentity.current(pid).map(id -> !isSleep(pid)).orElse(true));
    }

    private static boolean isSleep(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void reportsUsageOfMemoryCpuAndSandboxDisk() {
        agent.launch(agent.task("user", "head -c 1000000 /dev/zero > blob; i=0; while [ $i -lt 20000 ]; do"
                + " i=$((i+1)); done; echo done > done.txt; sleep 1000").resources(TaskResources.of(1, 64)).build());
        Path done = agent.runner.sandbox("user").orElseThrow().dir().resolve("done.txt");
        await().atMost(WAIT).until(() -> Files.exists(done));

        TaskUsage usage = agent.runner.usage("user").orElseThrow();

        assertThat(usage.sandboxDiskBytes()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(usage.memoryBytes()).isPositive();
        assertThat(usage.cpuTime()).isPositive();
    }

    @Test
    void aCommandThatCannotRunIsAFailureWithTheShellsStatus() {
        agent.launch(agent.task("missing", "/no/such/binary --flag").build());

        TaskStatus end = agent.statuses.awaitTerminal("missing", WAIT);

        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.exitCode()).hasValue(127);
    }
}
