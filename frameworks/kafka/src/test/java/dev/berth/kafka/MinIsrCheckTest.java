package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broker may stop only if no partition it is in sync on falls under its topic's min.insync.replicas. */
class MinIsrCheckTest {
    @Test
    void allowsAStopThatKeepsEnoughReplicasInSync() {
        List<PartitionState> partitions = List.of(
                new PartitionState("numbers", 0, List.of(0, 1, 2), List.of(0, 1, 2)),
                new PartitionState("numbers", 1, List.of(1, 2, 0), List.of(1, 2, 0)));
        assertThat(MinIsrCheck.stopBlocked(1, partitions, Map.of("numbers", 2))).isEmpty();
    }

    @Test
    void blocksAStopThatLeavesAPartitionUnderItsMinIsr() {
        List<PartitionState> partitions = List.of(
                new PartitionState("numbers", 0, List.of(0, 1, 2), List.of(0, 1, 2)),
                new PartitionState("numbers", 1, List.of(0, 1, 2), List.of(1, 2)));
        assertThat(MinIsrCheck.stopBlocked(1, partitions, Map.of("numbers", 2)))
                .contains("stopping broker 1 would leave numbers-1 under min.insync.replicas=2 (in sync now: [1, 2])");
    }

    @Test
    void anAlreadyUnderReplicatedPartitionBlocksTheOtherReplicasToo() {
        // broker 0 is down: numbers-0 is under-replicated, and any of its remaining replicas stopping would take it under
        List<PartitionState> partitions = List.of(new PartitionState("numbers", 0, List.of(0, 1, 2), List.of(1, 2)));
        assertThat(MinIsrCheck.stopBlocked(2, partitions, Map.of("numbers", 2))).isPresent();
        assertThat(MinIsrCheck.stopBlocked(1, partitions, Map.of("numbers", 2))).isPresent();
        // stopping the broker that is already out of the ISR loses nothing more
        assertThat(MinIsrCheck.stopBlocked(0, partitions, Map.of("numbers", 2))).isEmpty();
    }

    @Test
    void eachTopicIsJudgedByItsOwnMinIsr() {
        List<PartitionState> partitions = List.of(
                new PartitionState("logs", 0, List.of(0, 1), List.of(0, 1)),
                new PartitionState("payments", 0, List.of(0, 1, 2), List.of(0, 1, 2)));
        assertThat(MinIsrCheck.stopBlocked(0, partitions, Map.of("logs", 1, "payments", 2))).isEmpty();
        assertThat(MinIsrCheck.stopBlocked(0, partitions, Map.of("logs", 2, "payments", 2)))
                .contains("stopping broker 0 would leave logs-0 under min.insync.replicas=2 (in sync now: [0, 1])");
    }

    @Test
    void aSingleReplicaPartitionBlocksTheStopOfItsBroker() {
        List<PartitionState> partitions = List.of(new PartitionState("__consumer_offsets", 7, List.of(2), List.of(2)));
        assertThat(MinIsrCheck.stopBlocked(2, partitions, Map.of("__consumer_offsets", 1))).isPresent();
    }

    @Test
    void namesTheFirstPartitionAndCountsTheOthers() {
        List<PartitionState> partitions = List.of(
                new PartitionState("numbers", 2, List.of(0, 1, 2), List.of(1, 2)),
                new PartitionState("numbers", 0, List.of(0, 1, 2), List.of(1, 2)),
                new PartitionState("numbers", 1, List.of(0, 1, 2), List.of(1, 2)));
        assertThat(MinIsrCheck.stopBlocked(1, partitions, Map.of("numbers", 2)))
                .contains("stopping broker 1 would leave numbers-0 under min.insync.replicas=2 (in sync now: [1, 2]), and 2 more partitions");
    }
}
