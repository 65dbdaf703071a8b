package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreCheckTest {
    private static NodeFacts node(int i, String rack, String version, String... tokens) {
        return new NodeFacts("node-" + i, i, "127.0.0." + (i + 2), "ring", "h" + i, "dc1", rack, version, List.of(tokens));
    }

    private static BackupManifest backup(NodeFacts... nodes) {
        return new BackupManifest("b1", "cassandra", "ring", Instant.EPOCH, Map.of(),
                java.util.Arrays.stream(nodes).map(n -> new NodeBackupPart("b1", n, List.of(), 0, Instant.EPOCH)).toList());
    }

    @Test
    void anotherRingOfTheSameShapeWithOtherTokensPasses() {
        BackupManifest b = backup(node(0, "z0", "5.0.5", "1", "2"), node(1, "z1", "5.0.5", "3", "4"));
        // its nodes in the other racks' order: what counts is how many nodes each rack has
        Map<String, NodeFacts> newService = Map.of("node-0", node(0, "z1", "5.0.5", "7", "8"), "node-1",
                node(1, "z0", "5.0.5", "5", "9"));
        assertThat(RestoreCheck.differences(b, newService)).isEmpty();
    }

    @Test
    void theSameRingPassesAndEveryDifferenceIsNamed() {
        BackupManifest b = backup(node(0, "z0", "5.0.5", "1", "2"), node(1, "z1", "5.0.5", "3", "4"), node(2, "z2", "5.0.5", "5", "6"));
        Map<String, NodeFacts> same = Map.of("node-0", node(0, "z0", "5.0.6", "1", "2"), "node-1", node(1, "z1", "5.0.6", "3", "4"),
                "node-2", node(2, "z2", "5.0.6", "5", "6"));
        assertThat(RestoreCheck.differences(b, same)).isEmpty();

        Map<String, NodeFacts> other = Map.of("node-0", node(0, "z0", "5.0.6", "1", "9"), "node-1", node(1, "z9", "4.1.3", "3"));
        assertThat(RestoreCheck.differences(b, other)).containsExactly(
                "node count: backup b1 has 3 nodes, the ring 2",
                "racks (nodes per rack): {z0=1, z1=1, z2=1} in the backup, {z0=1, z9=1} now",
                "node-1 token count: 2 in the backup, 1 now",
                "node-1 version: 5.0.5 in the backup, 4.1.3 now (a restore needs the same major and minor release)");
    }
}
