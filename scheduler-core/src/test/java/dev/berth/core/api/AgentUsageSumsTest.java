package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ClusterViews;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Caller;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent's row sums each resource: used by tasks, reserved by roles, and the total, ports counted. */
class AgentUsageSumsTest {
    @Test
    void eachResourceIsSummedUsedReservedTotalInTheUsualOrder() {
        Reservation kafka = Reservation.of(Role.of("berth/kafka"), Principal.of("service:kafka"), "broker-0");
        Resources reserved = Resources.parse("cpus:1.5;mem:2048;disk:1000;ports:[31000-31001]").reservedAs(kafka);
        AgentLedger ledger = AgentLedger.of("a1", Resources.parse("ports:[31000-31099];disk:20000;mem:8192;cpus:4"))
                .reserve(Caller.of("service:kafka", "berth/kafka"), reserved)
                .claim(Claim.task("broker-0-server"), Resources.parse("cpus:1;mem:1024;ports:[31000]").reservedAs(kafka));

        List<ClusterViews.ResourceUse> usage = ClusterViewMapping.usage(ledger);

        assertThat(usage).containsExactly(
                new ClusterViews.ResourceUse("cpus", 1, 1.5, 4),
                new ClusterViews.ResourceUse("mem", 1024, 2048, 8192),
                new ClusterViews.ResourceUse("disk", 0, 1000, 20000),
                new ClusterViews.ResourceUse("ports", 1, 2, 100));
    }
}
