package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.PackageAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Kafka update ends with, and where a scale-up puts the partitions. */
class KafkaActionsTest {
    @Test
    void anUpgradeEndsWithAHeldBackFinalizeAndAScaleUpWithASpread() {
        assertThat(KafkaActions.after(Map.of("kafka.version", "4.1.0", "brokers.count", 3L),
                Map.of("kafka.version", "4.2.0", "brokers.count", 3L)))
                .extracting(PackageAction::name, PackageAction::heldBack).containsExactly(org.assertj.core.groups.Tuple.tuple("finalize-metadata", true));
        assertThat(KafkaActions.after(Map.of("kafka.version", "4.1.0", "brokers.count", 3L),
                Map.of("kafka.version", "4.1.0", "brokers.count", 5L)))
                .extracting(PackageAction::name, PackageAction::heldBack).containsExactly(org.assertj.core.groups.Tuple.tuple("spread-partitions", false));
        assertThat(KafkaActions.after(Map.of("kafka.version", "4.1.0", "brokers.heap", 256L),
                Map.of("kafka.version", "4.1.0", "brokers.heap", 300L))).isEmpty();
    }

    @Test
    void theSpreadGivesEveryBrokerPartitionsAndFindsNothingToMoveTheSecondTime() {
        List<Integer> brokers = List.of(0, 1, 2, 3);
        List<PartitionState> before = List.of(
                new PartitionState("t", 0, List.of(0, 1, 2), List.of(0, 1, 2)),
                new PartitionState("t", 1, List.of(1, 2, 0), List.of(1, 2, 0)),
                new PartitionState("t", 2, List.of(2, 0, 1), List.of(2, 0, 1)),
                new PartitionState("t", 3, List.of(0, 2, 1), List.of(0, 2, 1)));
        var moves = SpreadPlan.moves(brokers, before);
        assertThat(moves.values()).anySatisfy(replicas -> assertThat(replicas).contains(3));
        assertThat(moves.values()).allSatisfy(replicas -> assertThat(replicas).hasSize(3).doesNotHaveDuplicates());

        List<PartitionState> after = before.stream().map(p -> moves.containsKey(p)
                ? new PartitionState(p.topic(), p.partition(), moves.get(p), moves.get(p)) : p).toList();
        assertThat(SpreadPlan.moves(brokers, after)).isEmpty();
    }
}
