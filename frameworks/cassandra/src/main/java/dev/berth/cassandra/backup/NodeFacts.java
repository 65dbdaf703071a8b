package dev.berth.cassandra.backup;

import java.util.List;
import java.util.Objects;

/**
 * What a node was when it was backed up, as a restore checks the target ring against: its pod instance,
 * index and address, the cluster it belonged to, its host id, datacenter, rack, Cassandra release and tokens.
 */
public record NodeFacts(String instance, int index, String ip, String cluster, String hostId, String datacenter,
                        String rack, String version, List<String> tokens) {
    public NodeFacts {
        Objects.requireNonNull(instance, "instance");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
