package dev.berth.core.runtime;

import dev.berth.core.agent.Agent;
import io.quarkus.runtime.Quarkus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth agent}: runs one agent against a master, until stopped. Its tasks outlive it. */
@Command(name = "agent", description = "Runs an agent that offers this machine's resources to the master.")
public class AgentRunCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Mixin
    ConfigFileOption configFile;

    @Override
    public Integer call() {
        Agent agent = Agent.start(options.toConfig());
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        Quarkus.waitForExit();
        return 0;
    }
}
