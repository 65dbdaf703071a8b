package dev.berth.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Reads what the decisions need from a Kafka cluster into plain records, and nothing more: every
 * rule lives in the pure checks, so that they can be tested without a broker.
 */
final class ClusterReader {
    /** How far behind the leader's log end a voter may last have been and still count as caught up. */
    static final long QUORUM_MAX_LAG_MS = 5000;

    private final Admin admin;
    private final Duration timeout;

    ClusterReader(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** The ids of the brokers registered (and not fenced) with the controllers. */
    Set<Integer> brokerIds() {
        return KafkaAdmins.await(admin.describeCluster().nodes(), timeout).stream().map(Node::id).collect(Collectors.toSet());
    }

    /** The brokers registered (and not fenced) with the controllers, with their racks. */
    List<BrokerNode> brokers() {
        return KafkaAdmins.await(admin.describeCluster().nodes(), timeout).stream()
                .map(n -> new BrokerNode(n.id(), Optional.ofNullable(n.rack()))).toList();
    }

    /** How many partition reassignments run now. */
    int reassigning() {
        return KafkaAdmins.await(admin.listPartitionReassignments().reassignments(), timeout).size();
    }

    /** Each topic's replication factor: the most replicas a partition of it has (a reassignment may widen one for a while). */
    Map<String, Integer> replicationFactors() {
        Map<String, Integer> out = new HashMap<>();
        partitions().forEach(p -> out.merge(p.topic(), p.replicas().size(), Math::max));
        return out;
    }

    /** Every partition of every topic, internal ones ({@code __consumer_offsets}) included. */
    List<PartitionState> partitions() {
        Set<String> names = KafkaAdmins.await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(), timeout);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> topics = KafkaAdmins.await(admin.describeTopics(names).allTopicNames(), timeout);
        List<PartitionState> out = new ArrayList<>();
        for (TopicDescription t : topics.values()) {
            for (TopicPartitionInfo p : t.partitions()) {
                out.add(new PartitionState(t.name(), p.partition(), ids(p.replicas()), ids(p.isr())));
            }
        }
        return out;
    }

    /**
     * The effective {@code min.insync.replicas} of each topic, read in one call. A topic's described
     * configs carry the broker's value where the topic sets none; only if one lacks it is the config
     * of a broker other than {@code except} (the one about to stop) read, once.
     */
    Map<String, Integer> minInsyncReplicas(Collection<String> topics, int except) {
        Map<String, Integer> out = new HashMap<>();
        if (topics.isEmpty()) {
            return out;
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = KafkaAdmins.await(admin.describeConfigs(resources).all(), timeout);
        Optional<Integer> brokerDefault = Optional.empty();
        for (ConfigResource r : resources) {
            Optional<Integer> v = value(configs.get(r));
            if (v.isEmpty()) {
                if (brokerDefault.isEmpty()) {
                    int broker = brokerIds().stream().filter(b -> b != except).findFirst().orElse(except);
                    brokerDefault = Optional.of(brokerMinIsr(broker));
                }
                v = brokerDefault;
            }
            out.put(r.name(), v.get());
        }
        return out;
    }

    private int brokerMinIsr(int broker) {
        ConfigResource r = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker));
        Config c = KafkaAdmins.await(admin.describeConfigs(List.of(r)).all(), timeout).get(r);
        // Kafka's own default when even the broker does not say.
        return value(c).orElse(1);
    }

    private static Optional<Integer> value(Config c) {
        ConfigEntry e = c == null ? null : c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        return e == null || e.value() == null ? Optional.empty() : Optional.of(Integer.parseInt(e.value().trim()));
    }

    /** The metadata quorum; the Admin must be one on the controllers. */
    QuorumState quorum() {
        QuorumInfo q = KafkaAdmins.await(admin.describeMetadataQuorum().quorumInfo(), timeout);
        // The leader reports itself as caught up now, in its own clock; without that entry nobody else counts as caught up.
        long leaderNow = q.voters().stream().filter(v -> v.replicaId() == q.leaderId())
                .mapToLong(v -> v.lastCaughtUpTimestamp().orElse(Long.MAX_VALUE)).findFirst().orElse(Long.MAX_VALUE);
        return new QuorumState(q.leaderId(), members(q.voters(), q.leaderId(), leaderNow),
                members(q.observers(), q.leaderId(), leaderNow));
    }

    private static List<QuorumState.Member> members(List<QuorumInfo.ReplicaState> states, int leaderId, long leaderNow) {
        return states.stream().map(s -> new QuorumState.Member(s.replicaId(), directory(s.replicaDirectoryId()),
                QuorumState.caughtUp(s.replicaId() == leaderId, s.lastCaughtUpTimestamp().orElse(-1), leaderNow, QUORUM_MAX_LAG_MS),
                s.lastFetchTimestamp().orElse(-1))).toList();
    }

    /** Kafka says "no directory id" with the zero id (a static quorum, or an old node). */
    private static Optional<String> directory(Uuid id) {
        return id == null || id.equals(Uuid.ZERO_UUID) ? Optional.empty() : Optional.of(id.toString());
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
