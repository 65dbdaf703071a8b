package dev.berth.kafka;

import java.util.Optional;

/** A broker registered with the controllers: its id and its {@code broker.rack}, when it has one. */
record BrokerNode(int id, Optional<String> rack) {
    BrokerNode {
        rack = rack == null ? Optional.empty() : rack.filter(r -> !r.isBlank());
    }

    /** The rack to keep replicas of one partition apart by: a broker without one is a rack of its own. */
    String spreadKey() {
        return rack.orElse("broker-" + id);
    }
}
