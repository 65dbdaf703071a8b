package dev.berth.kafka;

import java.util.List;
import java.util.Objects;

/** One partition as the brokers describe it: where its replicas are and which of them are in sync. */
public record PartitionState(String topic, int partition, List<Integer> replicas, List<Integer> isr) {
    public PartitionState {
        Objects.requireNonNull(topic, "topic");
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** The name users know it by, as Kafka's tools print it: {@code numbers-0}. */
    public String name() {
        return topic + "-" + partition;
    }
}
