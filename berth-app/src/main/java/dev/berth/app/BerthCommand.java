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
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code berth} command: runs the cluster (up, master, agent) and talks to it. Its subcommands are added by
 * {@link BerthCommandLine} rather than declared in the annotation, so that a client command builds the model of
 * its own subcommand only (picocli reads every declared subcommand's options by reflection, which took most of
 * a short command's time).
 */
@TopCommand
@Command(name = "berth", mixinStandardHelpOptions = true, version = "berth 0.1.0",
        description = "Runs distributed databases as managed workloads on reserved resources and persistent volumes.")
public class BerthCommand {
    /** The subcommands, in the order usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CassandraCommand.class,
            dev.berth.cassandra.cli.BackupCommand.class);
}
