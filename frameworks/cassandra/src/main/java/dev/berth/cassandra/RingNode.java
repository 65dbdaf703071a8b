package dev.berth.cassandra;

import java.util.Objects;
import java.util.Optional;

/**
 * A node of the service: its pod instance, index, address and JMX port, and what Berth itself knows
 * is wrong with its server task ({@code trouble}: lost, not ready…; empty when it runs and is ready).
 * Berth hears of a dead process within a second, the ring's failure detector only after several.
 * {@code login} is how to log in to its JMX, when cassandra.authentication is on.
 */
record RingNode(String instance, int index, String ip, int jmxPort, Optional<String> trouble, Optional<Login> login) {
    RingNode {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(ip, "ip");
        trouble = trouble == null ? Optional.empty() : trouble;
        login = login == null ? Optional.empty() : login;
    }

    RingNode(String instance, int index, String ip, int jmxPort, Optional<String> trouble) {
        this(instance, index, ip, jmxPort, trouble, Optional.empty());
    }

    RingNode(String instance, int index, String ip, int jmxPort) {
        this(instance, index, ip, jmxPort, Optional.empty(), Optional.empty());
    }

    /** {@code node-1 (127.0.0.3)}: how messages name a node, so an SRE finds it in both Berth and nodetool. */
    String label() {
        return instance + " (" + ip + ")";
    }
}
