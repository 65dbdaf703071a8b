package dev.berth.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Kafka's replication throttle for partition moves, as kafka-reassign-partitions sets it: a rate in bytes/s
 * on each broker that sends or receives a moved replica (leader and follower side), and the moved topics
 * marked throttled ({@code *}: Kafka throttles only replicas out of the ISR, so the producers' own
 * replication between in-sync replicas is never slowed). Removed once the moves are done: a rate left on a
 * broker would slow every later catch-up, a broker's after a restart included.
 */
final class ReplicationThrottle {
    static final String LEADER_RATE = "leader.replication.throttled.rate";
    static final String FOLLOWER_RATE = "follower.replication.throttled.rate";
    static final String LEADER_REPLICAS = "leader.replication.throttled.replicas";
    static final String FOLLOWER_REPLICAS = "follower.replication.throttled.replicas";
    static final String OPTION = "brokers.reassignment_throttle";

    private ReplicationThrottle() {
    }

    /** The brokers a move involves: those that hold the partitions now and those they go to. */
    static Set<Integer> involved(Map<PartitionState, List<Integer>> moves) {
        Set<Integer> out = new HashSet<>();
        moves.forEach((p, to) -> {
            out.addAll(p.replicas());
            out.addAll(to);
        });
        return out;
    }

    /** Throttles the moves to {@code bytesPerSecond} on the brokers involved. */
    static void apply(Admin admin, Duration timeout, long bytesPerSecond, Map<PartitionState, List<Integer>> moves) {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        String rate = String.valueOf(bytesPerSecond);
        for (int broker : involved(moves)) {
            ops.put(broker(broker), List.of(set(LEADER_RATE, rate), set(FOLLOWER_RATE, rate)));
        }
        moves.keySet().stream().map(PartitionState::topic).distinct().forEach(t ->
                ops.put(topic(t), List.of(set(LEADER_REPLICAS, "*"), set(FOLLOWER_REPLICAS, "*"))));
        KafkaAdmins.await(admin.incrementalAlterConfigs(ops).all(), timeout);
    }

    /** Removes the throttle from {@code brokers} and {@code topics}; removing what is not set is no error. */
    static void clear(Admin admin, Duration timeout, Collection<Integer> brokers, Collection<String> topics) {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        brokers.forEach(b -> ops.put(broker(b), List.of(delete(LEADER_RATE), delete(FOLLOWER_RATE))));
        topics.forEach(t -> ops.put(topic(t), List.of(delete(LEADER_REPLICAS), delete(FOLLOWER_REPLICAS))));
        if (!ops.isEmpty()) {
            KafkaAdmins.await(admin.incrementalAlterConfigs(ops).all(), timeout);
        }
    }

    private static ConfigResource broker(int id) {
        return new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(id));
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp delete(String key) {
        return new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE);
    }
}
