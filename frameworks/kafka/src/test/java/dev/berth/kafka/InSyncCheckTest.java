package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A restarted broker is ready only once it is back in the ISR of every partition it holds. */
class InSyncCheckTest {
    @Test
    void readyWhenInTheIsrOfEveryPartitionItHolds() {
        List<PartitionState> partitions = List.of(
                new PartitionState("numbers", 0, List.of(0, 1, 2), List.of(2, 1, 0)),
                new PartitionState("numbers", 1, List.of(0, 2), List.of(0, 2)),
                // not a replica here: its ISR says nothing about broker 1
                new PartitionState("letters", 0, List.of(0, 2), List.of(0)));
        assertThat(InSyncCheck.notInSync(1, partitions)).isEmpty();
    }

    @Test
    void namesThePartitionsStillBehindInOrderAndCountsTheRest() {
        List<PartitionState> partitions = List.of(
                new PartitionState("numbers", 4, List.of(1, 2), List.of(2)),
                new PartitionState("numbers", 2, List.of(1, 2), List.of(2)),
                new PartitionState("numbers", 0, List.of(1, 2), List.of(2)),
                new PartitionState("letters", 0, List.of(1, 2), List.of(2)),
                new PartitionState("numbers", 1, List.of(1, 2), List.of(1, 2)),
                new PartitionState("numbers", 3, List.of(1, 0), List.of(0)));
        assertThat(InSyncCheck.notInSync(1, partitions))
                .contains("not back in sync on broker 1: letters-0, numbers-0, numbers-2 (and 2 more)");
    }

    @Test
    void fewPartitionsAreAllNamedWithoutACount() {
        assertThat(InSyncCheck.notInSync(2, List.of(new PartitionState("numbers", 0, List.of(1, 2), List.of(1)))))
                .contains("not back in sync on broker 2: numbers-0");
    }
}
