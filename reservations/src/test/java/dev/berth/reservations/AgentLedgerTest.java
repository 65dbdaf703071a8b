package dev.berth.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.OperationRefusedException.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AgentLedgerTest {
    static final Caller CASSANDRA = Caller.of("cassandra-principal", "db/cassandra");
    static final Caller KAFKA = Caller.of("kafka-principal", "db/kafka");

    final AgentLedger agent = AgentLedger.of("agent-1", Resources.parse("cpus:4;mem:8192;disk:100000;ports:[31000-32000]"));

    static Resources reserved(Caller caller, String resourceId, String text) {
        return Resources.parse(text).reservedAs(Reservation.of(caller.role(), caller.principal(), resourceId));
    }

    @Test
    void reserveMovesUnreservedIntoTheReservation() {
        Resources want = reserved(CASSANDRA, "r1", "cpus:1.5;mem:2048;disk:10000;ports:[31000-31001]");
        AgentLedger after = agent.reserve(CASSANDRA, want);

        assertThat(after.reserved()).isEqualTo(want);
        assertThat(after.resources().unreserved())
                .isEqualTo(Resources.parse("cpus:2.5;mem:6144;disk:90000;ports:[31002-32000]"));
        assertThat(after.resources().withoutReservations()).isEqualTo(after.total());
        assertThat(after.resources().withResourceId("r1")).isEqualTo(want);
    }

    @Test
    void unreserveGivesBackExactlyWhatWasReserved() {
        Resources want = reserved(CASSANDRA, "r1", "cpus:1;mem:1024");
        AgentLedger after = agent.reserve(CASSANDRA, want).unreserve(CASSANDRA, want);
        assertThat(after).isEqualTo(agent);
    }

    @Test
    void refusesToReserveMoreThanIsUnreservedAndFree() {
        AgentLedger half = agent.reserve(KAFKA, reserved(KAFKA, "k1", "cpus:3"));
        assertRefused(() -> half.reserve(CASSANDRA, reserved(CASSANDRA, "r1", "cpus:2;mem:100")),
                Reason.INSUFFICIENT,
                "RESERVE refused (INSUFFICIENT): not enough unreserved free resources on agent agent-1: cpus: wanted 2, available 1");
    }

    @Test
    void refusesPortsThatAreNotThere() {
        assertRefused(() -> agent.reserve(CASSANDRA, reserved(CASSANDRA, "r1", "ports:[80]")),
                Reason.INSUFFICIENT, "ports: wanted [80], available [31000-32000]");
    }

    @Test
    void refusesToReserveForAnotherRoleOrPrincipal() {
        assertRefused(() -> agent.reserve(CASSANDRA, reserved(KAFKA, "k1", "cpus:1")),
                Reason.ROLE_MISMATCH, "is for role db/kafka but the caller acts for role db/cassandra");
        Resources otherPrincipal = Resources.parse("cpus:1")
                .reservedAs(Reservation.of(CASSANDRA.role(), Principal.of("mallory"), "r1"));
        assertRefused(() -> agent.reserve(CASSANDRA, otherPrincipal),
                Reason.PRINCIPAL_MISMATCH, "names principal mallory but the caller is principal cassandra-principal");
    }

    @Test
    void refusesToReserveWithoutAReservation() {
        assertRefused(() -> agent.reserve(CASSANDRA, Resources.parse("cpus:1")),
                Reason.INVALID, "cpus:1 carries no reservation");
        assertRefused(() -> agent.reserve(CASSANDRA, Resources.EMPTY), Reason.INVALID, "no resources given");
    }

    @Test
    void refusesToUnreserveAnotherRolesResources() {
        Resources kafkas = reserved(KAFKA, "k1", "cpus:1");
        AgentLedger withKafka = agent.reserve(KAFKA, kafkas);
        assertRefused(() -> withKafka.unreserve(CASSANDRA, kafkas),
                Reason.ROLE_MISMATCH, "UNRESERVE refused (ROLE_MISMATCH): cpus(db/kafka,kafka-principal,{resource_id=k1}):1 is for role db/kafka");
    }

    @Test
    void refusesToUnreserveWithOtherLabelsOrMoreThanReserved() {
        AgentLedger withR1 = agent.reserve(CASSANDRA, reserved(CASSANDRA, "r1", "cpus:1"));
        assertRefused(() -> withR1.unreserve(CASSANDRA, reserved(CASSANDRA, "r2", "cpus:1")),
                Reason.NOT_RESERVED, "agent agent-1 has no such reservation: cpus(db/cassandra,cassandra-principal,{resource_id=r2}): wanted 1, available none");
        assertRefused(() -> withR1.unreserve(CASSANDRA, reserved(CASSANDRA, "r1", "cpus:2")),
                Reason.NOT_RESERVED, "wanted 2, available 1");
    }

    @Test
    void refusesToUnreserveWhatATaskOrVolumeUses() {
        Resources r1 = reserved(CASSANDRA, "r1", "cpus:1;disk:500");
        AgentLedger used = agent.reserve(CASSANDRA, r1)
                .claim(Claim.task("node-0-server"), reserved(CASSANDRA, "r1", "cpus:1"))
                .claim(Claim.volume("data-0"), reserved(CASSANDRA, "r1", "disk:500"));
        assertRefused(() -> used.unreserve(CASSANDRA, r1), Reason.IN_USE,
                "in use by task node-0-server, volume data-0 on agent agent-1");
        AgentLedger released = used.release(Claim.task("node-0-server")).release(Claim.volume("data-0"));
        assertThat(released.unreserve(CASSANDRA, r1)).isEqualTo(agent);
    }

    @Test
    void claimsTakeOnlyFreeResources() {
        AgentLedger one = agent.claim(Claim.task("t1"), Resources.parse("cpus:3"));
        assertThat(one.free().scalar("cpus")).isEqualTo(Scalar.of(1));
        assertRefused(() -> one.claim(Claim.task("t2"), Resources.parse("cpus:2")),
                Reason.INSUFFICIENT, "LAUNCH refused (INSUFFICIENT): not enough free resources on agent agent-1 for task t2: cpus: wanted 2, available 1");
        assertRefused(() -> one.claim(Claim.task("t1"), Resources.parse("cpus:0.5")),
                Reason.DUPLICATE, "task t1 already holds cpus:3");
        // a task on unreserved cpus keeps them from being reserved
        assertRefused(() -> one.reserve(CASSANDRA, reserved(CASSANDRA, "r", "cpus:2")),
                Reason.INSUFFICIENT, "cpus: wanted 2, available 1");
    }

    @Test
    void aMountDiskIsReservedWholeOrNotAtAll() {
        AgentLedger withMount = AgentLedger.of("agent-2", Resources.parse("cpus:1;disk[mount:/mnt/d1]:2000"));
        Resources part = reserved(CASSANDRA, "r1", "disk[mount:/mnt/d1]:500");
        assertRefused(() -> withMount.reserve(CASSANDRA, part), Reason.INVALID,
                "is part of MOUNT disk /mnt/d1 of 2000 MiB; a MOUNT disk is reserved whole");
        Resources whole = reserved(CASSANDRA, "r1", "disk[mount:/mnt/d1]:2000");
        assertThat(withMount.reserve(CASSANDRA, whole).reserved()).isEqualTo(whole);
    }

    @Test
    void aRefusalLeavesTheLedgerUnchanged() {
        AgentLedger before = agent.reserve(CASSANDRA, reserved(CASSANDRA, "r1", "cpus:1"));
        AgentLedger copy = new AgentLedger(before.agentId(), before.total(), before.resources(), before.claims());
        try {
            before.reserve(CASSANDRA, reserved(CASSANDRA, "r2", "cpus:100"));
        } catch (OperationRefusedException expected) {
            // the refusal is what we want; the ledger must be as it was
        }
        assertThat(before).isEqualTo(copy);
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((OperationRefusedException) e).reason())
                .isEqualTo(reason);
    }
}
