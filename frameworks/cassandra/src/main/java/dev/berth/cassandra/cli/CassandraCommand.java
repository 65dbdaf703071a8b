package dev.berth.cassandra.cli;

import picocli.CommandLine.Command;

/** {@code berth cassandra ...}: what only a Cassandra service has, on top of the generic service commands. */
@Command(name = "cassandra", description = "Works with the data of a Cassandra service.", subcommands = {CqlCommand.class, BackupNodeCommand.class, RestoreNodeCommand.class})
public class CassandraCommand {
}
