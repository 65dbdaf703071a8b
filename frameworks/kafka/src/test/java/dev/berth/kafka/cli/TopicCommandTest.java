package dev.berth.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The topic commands read their arguments and refuse bad ones before any broker is asked. */
class TopicCommandTest {
    static Object parse(String... args) {
        CommandLine.ParseResult r = new CommandLine(new KafkaCommand()).parseArgs(args);
        return r.subcommand().subcommand().commandSpec().userObject();
    }

    @Test
    void createReadsServiceTopicCountsAndRepeatedConfigs() {
        TopicCommand.Create c = (TopicCommand.Create) parse("topic", "create", "kafka", "numbers", "--partitions", "6",
                "--replication-factor", "3", "--config", "retention.ms=86400000", "--config", "cleanup.policy=compact", "-o", "json");
        assertThat(c.service).isEqualTo("kafka");
        assertThat(c.topic).isEqualTo("numbers");
        assertThat(c.partitions).isEqualTo(6);
        assertThat(c.replicationFactor).isEqualTo(3);
        assertThat(c.configs).containsExactly("retention.ms=86400000", "cleanup.policy=compact");
        assertThat(c.options.json()).isTrue();
        NewTopic t = NewTopicRequest.of(c.topic, c.partitions, c.replicationFactor, c.configs).toNewTopic();
        assertThat(t.numPartitions()).isEqualTo(6);
        assertThat(t.replicationFactor()).isEqualTo((short) 3);
        assertThat(t.configs()).isEqualTo(Map.of("retention.ms", "86400000", "cleanup.policy", "compact"));
    }

    @Test
    void leftOutCountsAreTheBrokersDefaults() {
        TopicCommand.Create c = (TopicCommand.Create) parse("topic", "create", "kafka", "numbers");
        NewTopicRequest r = NewTopicRequest.of(c.topic, c.partitions, c.replicationFactor, c.configs);
        assertThat(r.partitions()).isEmpty();
        assertThat(r.replicationFactor()).isEmpty();
        // Kafka's NewTopic says "broker default" with -1
        assertThat(r.toNewTopic().numPartitions()).isEqualTo(-1);
        assertThat(r.toNewTopic().replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void eachSubcommandTakesTheServiceAndWhereNeededTheTopic() {
        assertThat(((TopicCommand.ListTopics) parse("topic", "list", "kafka")).service).isEqualTo("kafka");
        assertThat(((TopicCommand.Describe) parse("topic", "describe", "kafka", "numbers")).topic).isEqualTo("numbers");
        assertThat(((TopicCommand.Delete) parse("topic", "delete", "kafka", "numbers")).topic).isEqualTo("numbers");
        assertThatThrownBy(() -> parse("topic", "describe", "kafka")).isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parse("topic", "create", "kafka", "numbers", "--partitions", "many"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--partitions");
    }

    @Test
    void aConfigThatIsNotKeyEqualsValueIsRefused() {
        assertThatThrownBy(() -> TopicConfigs.parse(List.of("retention.ms=1", "x")))
                .hasMessage("--config: 'x' is not KEY=VALUE");
        assertThatThrownBy(() -> TopicConfigs.parse(List.of("=1"))).hasMessage("--config: '=1' is not KEY=VALUE");
        assertThatThrownBy(() -> TopicConfigs.parse(List.of("retention.ms=1", "retention.ms=2")))
                .hasMessage("--config: retention.ms is given twice");
        // a value may itself hold '=' and may be empty
        assertThat(TopicConfigs.parse(List.of("a=b=c", "d="))).containsExactly(Map.entry("a", "b=c"), Map.entry("d", ""));
    }

    @Test
    void countsOutOfRangeAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> NewTopicRequest.of("numbers", 0, null, List.of())).hasMessage("--partitions: 0 is below 1");
        assertThatThrownBy(() -> NewTopicRequest.of("numbers", 3, 0, List.of()))
                .hasMessage("--replication-factor: 0 is not between 1 and 32767");
        NewTopicRequest fourCopies = NewTopicRequest.of("numbers", 3, 4, List.of());
        assertThatThrownBy(() -> fourCopies.checkBrokers(3, "kafka")).hasMessage(
                "--replication-factor: 4 is more than the 3 brokers running in service kafka; each replica needs a broker of its own");
        fourCopies.checkBrokers(4, "kafka");
        NewTopicRequest.of("numbers", null, null, List.of()).checkBrokers(1, "kafka");
    }

    @Test
    void aServiceWithoutBrokersSaysSo() {
        assertThat(ServiceBrokers.bootstrap("kafka", Map.of("broker", List.of("127.0.0.2:31000", "127.0.0.3:31000"))))
                .isEqualTo("127.0.0.2:31000,127.0.0.3:31000");
        assertThatThrownBy(() -> ServiceBrokers.bootstrap("hello", Map.of("http", List.of("127.0.0.2:8080"))))
                .hasMessageStartingWith("service hello has no 'broker' endpoint (yet)").hasMessageContaining("[http]");
    }

    @Test
    void describeShowsPartitionsInOrderAndOnlyTheConfigsSetOnTheTopic() {
        Node b0 = new Node(0, "127.0.0.2", 31000);
        Node b1 = new Node(1, "127.0.0.3", 31000);
        TopicDescription t = new TopicDescription("numbers", false, List.of(
                new TopicPartitionInfo(1, null, List.of(b1, b0), List.of()),
                new TopicPartitionInfo(0, b0, List.of(b0, b1), List.of(b0, b1))));
        Config config = new Config(List.of(
                new ConfigEntry("retention.ms", "1000", ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, false, false, List.of(), null, null),
                new ConfigEntry("min.insync.replicas", "1", ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, false, false, List.of(), null, null),
                new ConfigEntry("cleanup.policy", "delete", ConfigEntry.ConfigSource.DEFAULT_CONFIG, false, false, List.of(), null, null)));
        TopicViews.TopicDetail d = TopicViews.detail(t, config);
        assertThat(d.partitions()).containsExactly(
                new TopicViews.PartitionRow(0, 0, List.of(0, 1), List.of(0, 1)),
                new TopicViews.PartitionRow(1, -1, List.of(1, 0), List.of()));
        assertThat(d.configs()).isEqualTo(Map.of("retention.ms", "1000"));
        assertThat(TopicViews.row(t)).isEqualTo(new TopicViews.TopicRow("numbers", 2, 2));
        assertThat(Optional.of(d.topic())).contains("numbers");
    }
}
