package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: an agent JVM launches a task and is SIGKILLed. The task keeps running and logging
 * (its output goes to files, its session is its own), and an agent started afterwards on the same
 * work directory re-attaches to it and reports its exit code.
 */
class AgentDeathTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    private Process agentJvm;
    private long taskGroup = -1;
    private RunnerFixture agent;

    @AfterEach
    void stop() {
        if (agentJvm != null) {
            agentJvm.destroyForcibly();
        }
        if (agent != null) {
            agent.close();
        }
        if (taskGroup > 1) {
            RunnerFixture.stopGroup(taskGroup);
        }
    }

    @Test
    void aTaskOutlivesASigkilledAgentAndTheNextAgentReattaches() throws Exception {
        Path workDir = tmp.resolve("work");
        String agentName = RunnerFixture.newAgentName();
        String command = "i=0; while [ ! -f go ]; do i=$((i+1)); echo tick $i; sleep 0.05; done; exit 5";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        agentJvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AgentProcessMain.class.getName(), workDir.toString(), agentName, command)
                .redirectError(Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(agentJvm.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).startsWith("RUNNING ");
        taskGroup = Long.parseLong(line.substring("RUNNING ".length()));
        ProcessIdentity task = ProcessIdentity.current(taskGroup).orElseThrow();

        agentJvm.destroyForcibly(); // SIGKILL
        assertThat(agentJvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Path stdout = workDir.resolve("sandboxes/outlives-agent/stdout");
        long ticksAtDeath = Files.readAllLines(stdout).size();
        await().atMost(WAIT).until(() -> Files.readAllLines(stdout).size() > ticksAtDeath + 5);
        assertThat(task.alive()).as("task still running without its agent").isTrue();

        agent = new RunnerFixture(workDir, agentName, null);
        TaskStatus reattached = agent.statuses.await("outlives-agent", TaskState.RUNNING, WAIT);
        assertThat(reattached.reason()).isEqualTo(TaskStatus.Reason.REATTACHED);
        assertThat(reattached.pid()).hasValue(task.pid());

        Files.createFile(workDir.resolve("sandboxes/outlives-agent/go"));
        TaskStatus end = agent.statuses.awaitTerminal("outlives-agent", WAIT);
        assertThat(end.state()).isEqualTo(TaskState.FAILED);
        assertThat(end.exitCode()).hasValue(5);
    }
}
