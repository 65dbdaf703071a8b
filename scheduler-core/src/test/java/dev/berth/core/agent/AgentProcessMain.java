package dev.berth.core.agent;

import dev.berth.core.protocol.TaskStatus;
import java.nio.file.Path;

/**
 * A stand-alone "agent" for {@link AgentDeathTest}: opens the checkpoint, launches one task, prints
 * {@code RUNNING <pid>} and waits to be SIGKILLed. Arguments: work directory, agent name, command.
 */
public final class AgentProcessMain {
    private AgentProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(args[0]);
        AgentCheckpoint checkpoint = AgentCheckpoint.open(workDir);
        TaskRunner runner = TaskRunner.start(TaskRunnerConfig.defaults(workDir), checkpoint,
                Isolations.probe(args[1], CpuLimit.QUOTA), status -> { });
        TaskStatus status = runner.launch(TaskLaunch.builder("outlives-agent", args[2])
                .resources(TaskResources.of(0.5, 64)).build());
        System.out.println(status.state() + " " + status.pid().orElse(-1L));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
