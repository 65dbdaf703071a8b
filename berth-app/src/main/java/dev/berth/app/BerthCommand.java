package dev.berth.app;

import dev.berth.cassandra.cli.CassandraCommand;
import dev.berth.core.cli.AccessCommand;
import dev.berth.core.cli.ClusterCommands;
import dev.berth.core.cli.EventsCommand;
import dev.berth.core.cli.CredentialsCommand;
import dev.berth.core.cli.PackageCommand;
import dev.berth.core.cli.PlanCommand;
import dev.berth.core.cli.PodCommand;
import dev.berth.core.cli.ServiceCommands;
import dev.berth.core.runtime.AgentRunCommand;
import dev.berth.core.runtime.MasterRunCommand;
import dev.berth.core.runtime.UpCommand;
import dev.berth.kafka.cli.KafkaCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code berth} command: runs the cluster (up, master, agent) and talks to it. */
@TopCommand
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
        description = "Runs distributed databases as managed workloads on reserved resources and persistent volumes.",
        subcommands = {
            UpCommand.class,
            MasterRunCommand.class,
            AgentRunCommand.class,
            ClusterCommands.Leader.class,
            ClusterCommands.Agents.class,
            ClusterCommands.Reservations.class,
            ClusterCommands.Volumes.class,
            ClusterCommands.Tasks.class,
            EventsCommand.class,
            ServiceCommands.Install.class,
            ServiceCommands.Uninstall.class,
            ServiceCommands.Services.class,
            ServiceCommands.Update.class,
            PlanCommand.class,
            PodCommand.class,
            ServiceCommands.EndpointsCmd.class,
            ServiceCommands.SecretCmd.class,
            PackageCommand.class,
            AccessCommand.WhoAmI.class,
            AccessCommand.PrincipalCmd.class,
            AccessCommand.AclCmd.class,
            CredentialsCommand.class,
            KafkaCommand.class,
            CassandraCommand.class})
public class BerthCommand {
}
