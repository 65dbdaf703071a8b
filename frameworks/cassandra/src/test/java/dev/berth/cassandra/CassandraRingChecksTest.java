package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a node is ready and when it may stop, on views of the ring as nodetool status would show them. */
class CassandraRingChecksTest {
    static final RingNode N0 = new RingNode("node-0", 0, "127.0.0.2", 31002);
    static final RingNode N1 = new RingNode("node-1", 1, "127.0.0.3", 31007);
    static final RingNode N2 = new RingNode("node-2", 2, "127.0.0.4", 31012);
    static final List<RingNode> ALL = List.of(N0, N1, N2);

    static RingView normal(String... live) {
        return new RingView("NORMAL", Set.of(live), Set.of(), Set.of(), Set.of(), Set.of());
    }

    @Test
    void aNodeIsReadyWhenNormalAndUpForItselfAndForTheSeed() {
        RingView view = normal("127.0.0.2", "127.0.0.3");
        assertThat(RingChecks.notReady(N1, view, Optional.of(new RingChecks.Peer(N0, view)))).isEmpty();
        assertThat(RingChecks.notReady(N0, normal("127.0.0.2"), Optional.empty())).isEmpty();
    }

    @Test
    void aJoiningNodeIsNotReady() {
        RingView joining = new RingView("JOINING", Set.of("127.0.0.2", "127.0.0.3"), Set.of(), Set.of("127.0.0.3"),
                Set.of(), Set.of());
        assertThat(RingChecks.notReady(N1, joining, Optional.empty())).hasValue("node-1 (127.0.0.3) is JOINING, not NORMAL yet");
        RingView stillJoining = new RingView("NORMAL", Set.of("127.0.0.2", "127.0.0.3"), Set.of(), Set.of("127.0.0.3"),
                Set.of(), Set.of());
        assertThat(RingChecks.notReady(N1, stillJoining, Optional.empty())).hasValue("node-1 (127.0.0.3) sees itself joining");
    }

    @Test
    void aNodeTheSeedDoesNotSeeUpIsNotReady() {
        RingView own = normal("127.0.0.2", "127.0.0.3");
        assertThat(RingChecks.notReady(N1, own, Optional.of(new RingChecks.Peer(N0, normal("127.0.0.2")))))
                .hasValue("node-0 (127.0.0.2) sees node-1 (127.0.0.3) not in the ring");
        RingView seedSeesItJoining = new RingView("NORMAL", Set.of("127.0.0.2", "127.0.0.3"), Set.of(),
                Set.of("127.0.0.3"), Set.of(), Set.of());
        assertThat(RingChecks.notReady(N1, own, Optional.of(new RingChecks.Peer(N0, seedSeesItJoining))))
                .hasValue("node-0 (127.0.0.2) sees node-1 (127.0.0.3) joining");
        RingView seedSeesItDown = new RingView("NORMAL", Set.of("127.0.0.2"), Set.of("127.0.0.3"), Set.of(), Set.of(), Set.of());
        assertThat(RingChecks.notReady(N1, own, Optional.of(new RingChecks.Peer(N0, seedSeesItDown))))
                .hasValue("node-0 (127.0.0.2) sees node-1 (127.0.0.3) down");
    }

    @Test
    void aNodeMayStopWhenEveryOtherNodeIsUpAndNormal() {
        assertThat(RingChecks.stopBlocked(N1, seen(N1, normal("127.0.0.2", "127.0.0.3", "127.0.0.4")), ALL)).isEmpty();
        // the stopping node itself may be anything
        RingView selfDown = new RingView("NORMAL", Set.of("127.0.0.2", "127.0.0.4"), Set.of("127.0.0.3"), Set.of(),
                Set.of(), Set.of());
        assertThat(RingChecks.stopBlocked(N1, seen(N0, selfDown), ALL)).isEmpty();
    }

    @Test
    void aNodeMayNotStopWhileAnotherIsDownOrChangingAndEachIsNamed() {
        RingView view = new RingView("NORMAL", Set.of("127.0.0.2", "127.0.0.3", "127.0.0.9"), Set.of("127.0.0.4"),
                Set.of(), Set.of("127.0.0.9"), Set.of());
        assertThat(RingChecks.stopBlocked(N0, seen(N0, view), ALL)).hasValue("not stopping node-0 while node-2 (127.0.0.4) is down "
                + "as node-0 sees the ring, 127.0.0.9 (not a node of this service) is leaving as node-0 sees the ring");
    }

    @Test
    void aNodeOfTheServiceTheRingDoesNotKnowBlocksAStop() {
        assertThat(RingChecks.stopBlocked(N0, seen(N0, normal("127.0.0.2", "127.0.0.3")), ALL))
                .hasValue("not stopping node-0 while node-2 (127.0.0.4) is not in the ring as node-0 sees the ring");
    }

    @Test
    void aNodeBerthKnowsIsDownBlocksAStopBeforeGossipNoticesIt() {
        // SIGKILLed a second ago: its agent reported the task LOST, the ring still lists it live
        RingNode lost = new RingNode("node-2", 2, "127.0.0.4", 31012, Optional.of("its server task is LOST"));
        assertThat(RingChecks.stopBlocked(N0, seen(N0, normal("127.0.0.2", "127.0.0.3", "127.0.0.4")), List.of(N0, N1, lost)))
                .hasValue("not stopping node-0 while node-2 (127.0.0.4) is down: its server task is LOST");
        // the stopping node's own trouble does not matter
        RingNode selfLost = new RingNode("node-0", 0, "127.0.0.2", 31002, Optional.of("its server task is LOST"));
        assertThat(RingChecks.stopBlocked(selfLost, seen(N1, normal("127.0.0.3", "127.0.0.4")), List.of(selfLost, N1, N2))).isEmpty();
    }

    @Test
    void withNoNodeAnsweringBerthsKnowledgeDecidesAlone() {
        RingNode lost = new RingNode("node-2", 2, "127.0.0.4", 31012, Optional.of("its server task is LOST"));
        assertThat(RingChecks.stopBlocked(N0, Optional.empty(), List.of(N0, N1, lost)))
                .hasValue("not stopping node-0 while node-2 (127.0.0.4) is down: its server task is LOST");
        assertThat(RingChecks.stopBlocked(N0, Optional.empty(), ALL)).isEmpty();
    }

    static Optional<RingChecks.Peer> seen(RingNode by, RingView view) {
        return Optional.of(new RingChecks.Peer(by, view));
    }
}
