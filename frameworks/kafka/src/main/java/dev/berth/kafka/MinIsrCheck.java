package dev.berth.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a broker may stop without a partition falling under its {@code min.insync.replicas}: with
 * fewer replicas in sync than that, producers with {@code acks=all} are refused. A partition that is
 * already under-replicated (another broker is down or behind) is how this shows: its ISR is short
 * before this broker leaves it.
 */
public final class MinIsrCheck {
    private MinIsrCheck() {
    }

    /**
     * Empty when, for every partition with {@code broker} in its ISR, the ISR without it still holds
     * the topic's {@code min.insync.replicas}.
     *
     * @param minIsr the effective {@code min.insync.replicas} of each topic concerned
     */
    public static Optional<String> stopBlocked(int broker, List<PartitionState> partitions, Map<String, Integer> minIsr) {
        List<PartitionState> under = partitions.stream()
                .filter(p -> p.isr().contains(broker))
                .filter(p -> p.isr().size() - 1 < minIsrOf(p.topic(), minIsr))
                .sorted(Comparator.comparing(PartitionState::topic).thenComparingInt(PartitionState::partition))
                .toList();
        if (under.isEmpty()) {
            return Optional.empty();
        }
        // The first in full; the others only counted, as their topics may have another min.insync.replicas.
        PartitionState first = under.get(0);
        String more = under.size() > 1 ? ", and " + (under.size() - 1) + " more partition" + (under.size() > 2 ? "s" : "") : "";
        return Optional.of("stopping broker " + broker + " would leave " + first.name() + " under min.insync.replicas="
                + minIsrOf(first.topic(), minIsr) + " (in sync now: " + first.isr() + ")" + more);
    }

    private static int minIsrOf(String topic, Map<String, Integer> minIsr) {
        Integer v = minIsr.get(topic);
        if (v == null) {
            // The caller reads every topic it passes; a missing one is a bug, and guessing 1 would let a stop through.
            throw new IllegalArgumentException("no min.insync.replicas known for topic " + topic);
        }
        return v;
    }
}
