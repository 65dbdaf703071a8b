package dev.berth.app;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code berth} command: runs the cluster (up, master, agent) and talks to it. */
@TopCommand
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
        description = "Runs distributed databases as managed workloads on reserved resources and persistent volumes.",
        subcommands = {})
public class BerthCommand {
}
