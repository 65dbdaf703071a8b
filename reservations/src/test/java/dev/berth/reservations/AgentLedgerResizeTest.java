package dev.berth.reservations;

import static dev.berth.reservations.AgentLedgerTest.CASSANDRA;
import static dev.berth.reservations.AgentLedgerTest.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An agent back with other resources: it may grow, and shrink only to what nothing holds. */
class AgentLedgerResizeTest {
    final Resources r1 = reserved(CASSANDRA, "r1", "cpus:1;mem:2048;disk:10000");
    final AgentLedger ledger = AgentLedger.of("agent-1", Resources.parse("cpus:4;mem:8192;disk:100000"))
            .reserve(CASSANDRA, r1)
            .claim(Claim.task("unreserved-task"), Resources.parse("cpus:1;mem:1024"));

    @Test
    void aGrownAgentKeepsItsReservationsAndClaimsAndOffersTheRestUnreserved() {
        AgentLedger grown = ledger.resize(Resources.parse("cpus:8;mem:16384;disk:100000;ports:[31000-31010]"));

        assertThat(grown.reserved()).isEqualTo(r1);
        assertThat(grown.claims()).isEqualTo(ledger.claims());
        assertThat(grown.resources().withoutReservations()).isEqualTo(grown.total());
        assertThat(grown.free().unreserved()).isEqualTo(Resources.parse("cpus:6;mem:13312;disk:90000;ports:[31000-31010]"));
    }

    @Test
    void aShrinkThatStillHoldsWhatIsReservedAndUsedIsTaken() {
        AgentLedger shrunk = ledger.resize(Resources.parse("cpus:2;mem:3072;disk:10000"));
        assertThat(shrunk.reserved()).isEqualTo(r1);
        assertThat(shrunk.free().unreserved().isEmpty()).isTrue();
    }

    @Test
    void aShrinkBelowWhatIsReservedOrUsedIsRefusedSayingWhat() {
        assertThatThrownBy(() -> ledger.resize(Resources.parse("cpus:1.5;mem:8192;disk:100000")))
                .isInstanceOfSatisfying(OperationRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(OperationRefusedException.Reason.IN_USE))
                .hasMessageContaining("agent agent-1 re-registered with cpus:1.5;mem:8192;disk:100000")
                .hasMessageContaining("cpus")
                .hasMessageContaining("an agent may grow, or shrink only to what is free");
        assertThatThrownBy(() -> ledger.resize(Resources.parse("cpus:4;mem:8192;disk:9000")))
                .hasMessageContaining("disk");
    }
}
