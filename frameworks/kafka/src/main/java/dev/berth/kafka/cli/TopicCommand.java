package dev.berth.kafka.cli;

import dev.berth.core.cli.ClientOptions;
import dev.berth.core.cli.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth kafka topic create|list|describe|delete SVC [TOPIC]}: topics of a Kafka service, with the Admin client. */
@Command(name = "topic", description = "Creates, lists, describes and deletes the topics of a Kafka service.",
        subcommands = {TopicCommand.Create.class, TopicCommand.ListTopics.class, TopicCommand.Describe.class,
            TopicCommand.Delete.class})
public class TopicCommand {

    @Command(name = "create", description = "Creates a topic.")
    public static class Create implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service, e.g. kafka")
        String service;

        @Parameters(index = "1", description = "the topic")
        String topic;

        @Option(names = "--partitions", description = "how many partitions (default: the brokers' num.partitions)")
        Integer partitions;

        @Option(names = "--replication-factor", description = "copies of each partition, at most the broker count "
                + "(default: the brokers' default.replication.factor)")
        Integer replicationFactor;

        @Option(names = "--config", description = "a topic config, KEY=VALUE (repeatable), e.g. --config retention.ms=86400000")
        List<String> configs = new ArrayList<>();

        @Override
        public Integer call() {
            NewTopicRequest request = NewTopicRequest.of(topic, partitions, replicationFactor, configs);
            boolean json = options.json();
            try (ServiceBrokers brokers = ServiceBrokers.of(options.client().services(), service)) {
                request.checkBrokers(brokers.await(brokers.admin().describeCluster().nodes(), topic).size(), service);
                CreateTopicsResult r = brokers.admin().createTopics(List.of(request.toNewTopic()));
                brokers.await(r.all(), topic);
                TopicViews.Created created = new TopicViews.Created(service, topic, brokers.await(r.numPartitions(topic), topic),
                        brokers.await(r.replicationFactor(topic), topic));
                if (json) {
                    ClientOptions.printJson(created);
                } else {
                    System.out.println("created topic " + topic + " in service " + service + " (" + created.partitions()
                            + " partitions, replication factor " + created.replicationFactor() + ")");
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the topics (internal ones left out) with their partitions and replication factor.")
    public static class ListTopics implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Override
        public Integer call() {
            options.json();
            try (ServiceBrokers brokers = ServiceBrokers.of(options.client().services(), service)) {
                Set<String> names = brokers.await(brokers.admin().listTopics().names(), "");
                Map<String, TopicDescription> topics = names.isEmpty() ? Map.of()
                        : brokers.await(brokers.admin().describeTopics(names).allTopicNames(), String.join(",", names));
                List<TopicViews.TopicRow> rows = topics.values().stream().map(TopicViews::row)
                        .sorted(Comparator.comparing(TopicViews.TopicRow::topic)).toList();
                options.print(rows, new Table("TOPIC", "PARTITIONS", "RF"),
                        r -> new Object[] {r.topic(), r.partitions(), r.replicationFactor()});
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "Shows a topic's partitions (leader, replicas, in-sync replicas) and the configs set on it.")
    public static class Describe implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", description = "the topic")
        String topic;

        @Override
        public Integer call() {
            boolean json = options.json();
            try (ServiceBrokers brokers = ServiceBrokers.of(options.client().services(), service)) {
                TopicDescription t = brokers.await(brokers.admin().describeTopics(List.of(topic)).allTopicNames(), topic).get(topic);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = brokers.await(brokers.admin().describeConfigs(List.of(resource)).all(), topic).get(resource);
                TopicViews.TopicDetail d = TopicViews.detail(t, config);
                if (json) {
                    ClientOptions.printJson(d);
                    return 0;
                }
                Table partitions = new Table("PARTITION", "LEADER", "REPLICAS", "ISR");
                d.partitions().forEach(p -> partitions.row(p.partition(), p.leader() < 0 ? "none" : p.leader(),
                        join(p.replicas()), join(p.isr())));
                partitions.print(System.out);
                if (!d.configs().isEmpty()) {
                    System.out.println();
                    Table configs = new Table("CONFIG", "VALUE");
                    d.configs().forEach(configs::row);
                    configs.print(System.out);
                }
            }
            return 0;
        }

        private static String join(List<Integer> ids) {
            return String.join(",", ids.stream().map(String::valueOf).toList());
        }
    }

    @Command(name = "delete", description = "Deletes a topic and its data.")
    public static class Delete implements Callable<Integer> {
        @Mixin
        ClientOptions options;

        @Parameters(index = "0", description = "the service")
        String service;

        @Parameters(index = "1", description = "the topic")
        String topic;

        @Override
        public Integer call() {
            boolean json = options.json();
            try (ServiceBrokers brokers = ServiceBrokers.of(options.client().services(), service)) {
                brokers.await(brokers.admin().deleteTopics(List.of(topic)).all(), topic);
            }
            if (json) {
                ClientOptions.printJson(new TopicViews.Deleted(service, topic));
            } else {
                System.out.println("deleted topic " + topic + " from service " + service);
            }
            return 0;
        }
    }
}
