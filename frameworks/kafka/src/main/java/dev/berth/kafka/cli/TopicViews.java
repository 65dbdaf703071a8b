package dev.berth.kafka.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** What the topic commands print, as records so that {@code -o json} prints the same. */
final class TopicViews {
    private TopicViews() {
    }

    record TopicRow(String topic, int partitions, int replicationFactor) {
    }

    /** {@code leader} is -1 when the partition has none (all its in-sync replicas are down). */
    record PartitionRow(int partition, int leader, List<Integer> replicas, List<Integer> isr) {
    }

    /** A topic with its partitions and the configs set on it (those that differ from the defaults). */
    record TopicDetail(String topic, List<PartitionRow> partitions, Map<String, String> configs) {
    }

    record Created(String service, String topic, int partitions, int replicationFactor) {
    }

    record Deleted(String service, String topic) {
    }

    static TopicRow row(TopicDescription t) {
        return new TopicRow(t.name(), t.partitions().size(),
                t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size());
    }

    static TopicDetail detail(TopicDescription t, Config config) {
        List<PartitionRow> partitions = t.partitions().stream()
                .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> new PartitionRow(p.partition(), p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                        ids(p.replicas()), ids(p.isr())))
                .toList();
        Map<String, String> configs = new TreeMap<>();
        if (config != null) {
            for (ConfigEntry e : config.entries()) {
                // Only what was set on the topic itself; the rest are broker or Kafka defaults.
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    configs.put(e.name(), e.isSensitive() || e.value() == null ? "(sensitive)" : e.value());
                }
            }
        }
        return new TopicDetail(t.name(), partitions, configs);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
