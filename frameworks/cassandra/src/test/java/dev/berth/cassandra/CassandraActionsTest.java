package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.JobDecision;
import dev.berth.core.sdk.hooks.JobState;
import dev.berth.core.sdk.hooks.PackageAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What an update ends with, and where a decommission stands (node-by-node actions: InstanceByInstanceTest). */
class CassandraActionsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration RETRY = Duration.ofSeconds(20);
    static final RingNode N3 = new RingNode("node-3", 3, "127.0.0.4", 31017);

    static Map<String, Object> options(String version, int count) {
        return Map.of("cassandra.version", version, "nodes.count", count);
    }

    @Test
    void anUpgradeEndsWithUpgradesstablesAndAScaleUpWithACleanupOfTheOldNodes() {
        assertThat(CassandraActions.after(options("5.0.5", 3), options("5.0.6", 3))).extracting(PackageAction::name,
                PackageAction::heldBack).containsExactly(org.assertj.core.groups.Tuple.tuple("upgradesstables", false));
        assertThat(CassandraActions.after(options("5.0.6", 3), options("5.0.6", 4))).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("cleanup-nodes-0-2");
            assertThat(a.description()).startsWith("cleanup on node-0 to node-2");
            assertThat(a.heldBack()).isFalse();
        });
        assertThat(CassandraActions.after(options("5.0.5", 1), options("5.0.6", 3))).extracting(PackageAction::name)
                .containsExactly("upgradesstables", "cleanup-nodes-0-0");
        // nothing after a config change, a scale-down (the decommission plan's) or an unknown start
        assertThat(CassandraActions.after(options("5.0.6", 3), options("5.0.6", 3))).isEmpty();
        assertThat(CassandraActions.after(options("5.0.6", 4), options("5.0.6", 3))).isEmpty();
        assertThat(CassandraActions.after(Map.of(), options("5.0.6", 3))).isEmpty();
    }

    @Test
    void aCleanupActionNamesTheNodesItRunsOn() {
        assertThat(CassandraActions.cleanupCount(CassandraActions.cleanup(3))).isEqualTo(OptionalInt.of(3));
        assertThat(CassandraActions.cleanupCount("cleanup-nodes-0-0")).isEqualTo(OptionalInt.of(1));
        assertThat(CassandraActions.cleanupCount("upgradesstables")).isEmpty();
        assertThat(CassandraActions.cleanupCount("cleanup-nodes-1-2")).isEmpty();
        assertThat(CassandraActions.cleanupCount("cleanup-nodes-0-99999999999")).isEmpty();
    }

    static JobState succeeded() {
        return JobState.succeeded("", T0);
    }

    @Test
    void aDecommissionStartsFromNormalAndIsDoneOnlyWhenTheNodeSaysDecommissioned() {
        assertThat(Decommissions.next(N3, Optional.of("NORMAL"), "", List.of(), JobState.NONE, T0, RETRY))
                .isEqualTo(JobDecision.start("node-3", "decommission of node-3 (127.0.0.4) asked"));
        JobState asked = JobState.running("decommission of node-3 (127.0.0.4) asked", T0);
        assertThat(Decommissions.next(N3, Optional.of("LEAVING"), "", List.of(), asked, T0.plusSeconds(9), RETRY).message())
                .isEqualTo("node-3 (127.0.0.4) is leaving the ring (LEAVING): its ranges stream to the nodes that take "
                        + "them over; decommission asked 9s ago");
        // busy streaming, the node may not answer in time: the job still runs
        assertThat(Decommissions.next(N3, Optional.empty(), "did not answer within 4s", List.of(), asked, T0, RETRY).kind())
                .isEqualTo(JobDecision.Kind.WAIT);
        assertThat(Decommissions.next(N3, Optional.of("DECOMMISSIONED"), "", List.of(), asked, T0, RETRY).kind()).isEqualTo(JobDecision.Kind.DONE);
        assertThat(Decommissions.next(N3, Optional.of("DECOMMISSIONED"), "", List.of(), JobState.NONE, T0, RETRY).kind())
                .isEqualTo(JobDecision.Kind.DONE);
    }

    @Test
    void aDecommissionAskedBeforeBerthRestartedIsFollowedNotAskedAgain() {
        JobDecision leaving = Decommissions.next(N3, Optional.of("LEAVING"), "", List.of(), JobState.NONE, T0, RETRY);
        assertThat(leaving.kind()).isEqualTo(JobDecision.Kind.WAIT);
        assertThat(leaving.message()).startsWith("node-3 (127.0.0.4) is leaving the ring (LEAVING)");
        // a node that did not answer is never taken for gone
        assertThat(Decommissions.next(N3, Optional.empty(), "node-3 (127.0.0.4) JMX at 127.0.0.4:31017 does not accept "
                + "connections (Connection refused)", List.of(), JobState.NONE, T0, RETRY)).isEqualTo(JobDecision.waiting("node-3",
                "cannot ask node-3 (127.0.0.4) how its decommission goes: node-3 (127.0.0.4) JMX at 127.0.0.4:31017 does not "
                        + "accept connections (Connection refused)"));
    }

    @Test
    void aRefusedDecommissionSaysCassandrasReasonAndIsAskedAgainLater() {
        JobState refused = JobState.failed("UnsupportedOperationException: Not enough live nodes to maintain replication factor "
                + "in keyspace numbers (RF = 3, N = 3). Perform a forceful decommission to ignore.", T0);
        assertThat(Decommissions.next(N3, Optional.of("NORMAL"), "", List.of(), refused, T0.plusSeconds(2), RETRY).message())
                .isEqualTo("decommission of node-3 (127.0.0.4) failed: UnsupportedOperationException: Not enough live nodes "
                        + "to maintain replication factor in keyspace numbers (RF = 3, N = 3). Perform a forceful "
                        + "decommission to ignore.; asking again in 18s");
        assertThat(Decommissions.next(N3, Optional.of("NORMAL"), "", List.of(), refused, T0.plusSeconds(21), RETRY).kind())
                .isEqualTo(JobDecision.Kind.START);
        // 5.0 resumes a decommission that failed midway when asked again
        assertThat(Decommissions.next(N3, Optional.of("DECOMMISSION_FAILED"), "", List.of(), JobState.NONE, T0, RETRY).kind())
                .isEqualTo(JobDecision.Kind.START);
        // a node not NORMAL (still joining, drained) is not asked to leave
        assertThat(Decommissions.next(N3, Optional.of("JOINING"), "", List.of(), JobState.NONE, T0, RETRY))
                .isEqualTo(JobDecision.waiting("node-3", "node-3 (127.0.0.4) is JOINING; a node leaves the ring only from NORMAL"));
        // its ranges stream to the others: not while one is missing
        assertThat(Decommissions.next(N3, Optional.of("NORMAL"), "", List.of("node-1 (127.0.0.3) is down: its server task "
                + "is LOST"), JobState.NONE, T0, RETRY)).isEqualTo(JobDecision.waiting("node-3", "not asking node-3 (127.0.0.4) to "
                + "leave the ring while node-1 (127.0.0.3) is down: its server task is LOST"));
        // a decommission that succeeded for an earlier node-3 says nothing of this one
        assertThat(Decommissions.next(N3, Optional.of("NORMAL"), "", List.of(), succeeded(), T0, RETRY).kind())
                .isEqualTo(JobDecision.Kind.START);
    }
}
