package dev.berth.kafka.cli;

import picocli.CommandLine.Command;

/** {@code berth kafka ...}: what only a Kafka service has, on top of the generic service commands. */
@Command(name = "kafka", description = "Works with the topics of a Kafka service.", subcommands = {TopicCommand.class})
public class KafkaCommand {
}
