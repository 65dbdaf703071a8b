package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the replicas of leaving brokers go, and when the leaving brokers count as empty. */
class DrainPlanTest {
    static PartitionState p(String topic, int partition, Integer... replicas) {
        return new PartitionState(topic, partition, List.of(replicas), List.of(replicas));
    }

    static List<BrokerNode> brokers(int n) {
        List<BrokerNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new BrokerNode(i, Optional.empty()));
        }
        return out;
    }

    /** The partitions as they are once the planned moves are done. */
    static List<PartitionState> applied(List<PartitionState> partitions, Map<PartitionState, List<Integer>> moves) {
        return partitions.stream().map(p -> moves.containsKey(p) ? p(p.topic(), p.partition(),
                moves.get(p).toArray(Integer[]::new)) : p).toList();
    }

    static final List<PartitionState> FOUR_BROKERS = List.of(
            p("numbers", 0, 0, 1, 3), p("numbers", 1, 3, 2, 0), p("numbers", 2, 1, 2, 3), p("numbers", 3, 2, 0, 1),
            p("__consumer_offsets", 0, 3, 0, 1), p("one", 0, 3));

    @Test
    void everyReplicaOnTheLeavingBrokerMovesToARemainingOneTheStayingReplicasFirst() {
        DrainPlan.Next next = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), FOUR_BROKERS, 0, 0, "broker-3");
        assertThat(next.kind()).isEqualTo(DrainPlan.Next.Kind.MOVE);
        assertThat(next.reason()).isEqualTo("moving 5 of 5 partition replicas off broker-3");
        Map<PartitionState, List<Integer>> moves = next.moves();
        assertThat(moves).hasSize(5).doesNotContainKey(p("numbers", 3, 2, 0, 1));
        // the replicas that stay keep their place at the front: the preferred leader is one in sync already
        assertThat(moves.get(p("numbers", 0, 0, 1, 3))).containsExactly(0, 1, 2);
        assertThat(moves.get(p("numbers", 1, 3, 2, 0))).startsWith(2, 0).containsOnlyOnce(1);
        assertThat(moves.get(p("numbers", 2, 1, 2, 3))).containsExactly(1, 2, 0);
        moves.forEach((p, to) -> {
            assertThat(to).as(p.name()).hasSameSizeAs(p.replicas()).doesNotHaveDuplicates().doesNotContain(3);
        });
        // the remaining brokers end up holding as many replicas as each other
        Map<Integer, Integer> load = new HashMap<>();
        applied(FOUR_BROKERS, moves).forEach(p -> p.replicas().forEach(id -> load.merge(id, 1, Integer::sum)));
        assertThat(load).containsOnlyKeys(0, 1, 2);
        assertThat(load.values().stream().mapToInt(Integer::intValue).max().getAsInt()
                - load.values().stream().mapToInt(Integer::intValue).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void theSamePlanIsMadeAgainAndOnceCarriedOutTheBrokerIsDrained() {
        Map<PartitionState, List<Integer>> once = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), FOUR_BROKERS, 0, 0, "broker-3").moves();
        assertThat(DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), FOUR_BROKERS, 0, 0, "broker-3").moves()).isEqualTo(once);
        DrainPlan.Next after = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), applied(FOUR_BROKERS, once), 0, 5, "broker-3");
        assertThat(after.kind()).isEqualTo(DrainPlan.Next.Kind.DRAINED);
    }

    @Test
    void whileReassignmentsRunItReportsHowManyReplicasAreLeftOfThoseItBeganWith() {
        DrainPlan.Next next = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), FOUR_BROKERS.subList(0, 2), 4, 5, "broker-3");
        assertThat(next.kind()).isEqualTo(DrainPlan.Next.Kind.MOVING);
        assertThat(next.reason()).isEqualTo("moving 2 of 5 partition replicas off broker-3 (4 partitions being reassigned)");
        // a reassignment of anyone's keeps the broker from counting as drained
        assertThat(DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), List.of(p("t", 0, 0)), 1, 0, "broker-3").kind())
                .isEqualTo(DrainPlan.Next.Kind.MOVING);
    }

    @Test
    void aReplicaGoesToARackThePartitionIsNotOnEvenWhenThatBrokerHoldsMore() {
        List<BrokerNode> racked = List.of(new BrokerNode(0, Optional.of("a")), new BrokerNode(1, Optional.of("a")),
                new BrokerNode(2, Optional.of("b")), new BrokerNode(3, Optional.of("b")));
        List<PartitionState> partitions = List.of(p("t", 0, 3, 0), p("u", 0, 2), p("u", 1, 2), p("u", 2, 2));
        Map<PartitionState, List<Integer>> moves = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), racked, partitions, 0, 0,
                "broker-3").moves();
        assertThat(moves).containsExactly(Map.entry(p("t", 0, 3, 0), List.of(0, 2)));
        // without racks, the least loaded broker takes it
        assertThat(DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), partitions, 0, 0, "broker-3").moves())
                .containsExactly(Map.entry(p("t", 0, 3, 0), List.of(0, 1)));
    }

    @Test
    void twoLeavingBrokersAreDrainedTogether() {
        List<PartitionState> partitions = List.of(p("t", 0, 4, 3, 0), p("t", 1, 1, 4, 2));
        Map<PartitionState, List<Integer>> moves = DrainPlan.next(Set.of(3, 4), Set.of(0, 1, 2), brokers(5), partitions, 0, 0,
                "broker-4").moves();
        assertThat(moves.get(p("t", 0, 4, 3, 0))).startsWith(0).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(moves.get(p("t", 1, 1, 4, 2))).containsExactly(1, 2, 0);
    }

    @Test
    void itWaitsNamingTheTopicWhoseReplicationFactorTheRemainingBrokersCannotHold() {
        List<PartitionState> partitions = List.of(p("numbers", 0, 0, 1, 3), p("wide", 0, 0, 1, 2, 3));
        DrainPlan.Next next = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), brokers(4), partitions, 0, 0, "broker-3");
        assertThat(next.kind()).isEqualTo(DrainPlan.Next.Kind.WAIT);
        assertThat(next.reason()).isEqualTo("cannot move the replicas off broker-3: topic wide has replication factor 4,"
                + " more than the 3 brokers that remain; lower its replication factor (or delete it), or set brokers.count back to 4");
        assertThat(next.moves()).isEmpty();
    }

    @Test
    void itWaitsForARemainingBrokerThatIsNotRegistered() {
        List<BrokerNode> without1 = List.of(new BrokerNode(0, Optional.empty()), new BrokerNode(2, Optional.empty()),
                new BrokerNode(3, Optional.empty()));
        DrainPlan.Next next = DrainPlan.next(Set.of(3), Set.of(0, 1, 2), without1, FOUR_BROKERS, 0, 0, "broker-3");
        assertThat(next.kind()).isEqualTo(DrainPlan.Next.Kind.WAIT);
        assertThat(next.reason()).isEqualTo("waiting for brokers [1] to register before moving the replicas off broker-3");
    }

    @Test
    void theLeavingBrokersAreThisOneAndEveryRegisteredOneAtOrAboveTheNewCount() {
        assertThat(BrokerDecommission.leaving(4, 3, brokers(5))).containsExactlyInAnyOrder(3, 4);
        assertThat(BrokerDecommission.leaving(3, 3, brokers(3))).containsExactly(3);
    }

    @Test
    void theThrottleCoversTheBrokersThatSendAndThoseThatReceive() {
        assertThat(ReplicationThrottle.involved(Map.of(p("t", 0, 3, 0), List.of(0, 2), p("t", 1, 1, 3), List.of(1, 0))))
                .containsExactlyInAnyOrder(0, 1, 2, 3);
    }
}
