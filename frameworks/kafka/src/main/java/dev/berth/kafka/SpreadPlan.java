package dev.berth.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the replicas of every partition should live once brokers were added: partition {@code i} of a
 * topic gets {@code rf} consecutive brokers starting at {@code (i + offset(topic)) mod n}, as Kafka
 * spreads a new topic, so every broker leads and follows about as many partitions as the others. The
 * same brokers and partitions always give the same plan, so asking again after a move finds it done.
 */
final class SpreadPlan {
    private SpreadPlan() {
    }

    /** The replicas a partition should have among {@code brokers} (sorted), keeping its replication factor. */
    static List<Integer> replicas(List<Integer> brokers, String topic, int partition, int rf) {
        int n = brokers.size();
        int start = Math.floorMod(partition + topic.hashCode(), n);
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < Math.min(rf, n); k++) {
            out.add(brokers.get((start + k) % n));
        }
        return out;
    }

    /** The partitions whose replica set differs from the plan, with their planned replicas ({@code topic-p} keys). */
    static Map<PartitionState, List<Integer>> moves(List<Integer> brokers, List<PartitionState> partitions) {
        List<Integer> sorted = brokers.stream().sorted().toList();
        Map<PartitionState, List<Integer>> out = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
        for (PartitionState p : partitions) {
            List<Integer> planned = replicas(sorted, p.topic(), p.partition(), p.replicas().size());
            if (!new java.util.HashSet<>(planned).equals(new java.util.HashSet<>(p.replicas()))) {
                out.put(p, planned);
            }
        }
        return out;
    }
}
