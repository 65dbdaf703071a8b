package dev.berth.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a restarted broker has caught up: every partition it holds a replica of lists it in the
 * ISR again. Until then the next broker must not stop, or those partitions lose one more copy.
 */
public final class InSyncCheck {
    private InSyncCheck() {
    }

    /** Empty when broker {@code broker} is in the ISR of every partition it is a replica of. */
    public static Optional<String> notInSync(int broker, List<PartitionState> partitions) {
        List<String> behind = partitions.stream()
                .filter(p -> p.replicas().contains(broker) && !p.isr().contains(broker))
                .sorted(Comparator.comparing(PartitionState::topic).thenComparingInt(PartitionState::partition))
                .map(PartitionState::name)
                .toList();
        return behind.isEmpty() ? Optional.empty()
                : Optional.of("not back in sync on broker " + broker + ": " + Reasons.few(behind));
    }
}
