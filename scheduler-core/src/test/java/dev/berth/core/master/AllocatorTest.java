package dev.berth.core.master;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocatorTest {
    static final Resources AGENT = Resources.parse("cpus:4;mem:4096");
    static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    static Allocator withAgents(Map<Role, Double> weights, int agents) {
        Allocator a = new Allocator(weights);
        for (int i = 0; i < agents; i++) {
            a.addAgent("a" + i, AGENT, AGENT);
        }
        return a;
    }

    static Map<String, Integer> agentsPerFramework(List<Allocation> out) {
        Map<String, Integer> count = new HashMap<>();
        out.forEach(x -> count.merge(x.frameworkId(), 1, Integer::sum));
        return count;
    }

    @Test
    void equalRolesShareTheAgentsEvenly() {
        Allocator a = withAgents(Map.of(), 10);
        a.addFramework("f1", Role.of("r1"));
        a.addFramework("f2", Role.of("r2"));
        assertThat(agentsPerFramework(a.allocate(NOW))).containsEntry("f1", 5).containsEntry("f2", 5);
    }

    @Test
    void aRoleOfWeightThreeGetsThreeTimesTheShare() {
        Allocator a = withAgents(Map.of(Role.of("heavy"), 3.0), 12);
        a.addFramework("light", Role.of("light"));
        a.addFramework("heavy", Role.of("heavy"));
        assertThat(agentsPerFramework(a.allocate(NOW))).containsEntry("light", 3).containsEntry("heavy", 9);
    }

    @Test
    void theFrameworkWithTheLowestDominantShareGoesFirst() {
        Allocator a = withAgents(Map.of(), 4);
        a.addFramework("busy", Role.of("busy"));
        a.addFramework("idle", Role.of("idle"));
        a.allocated("busy", Resources.parse("cpus:8")); // half the cluster's cpus: dominant share 0.5
        Map<String, Integer> got = agentsPerFramework(a.allocate(NOW));
        assertThat(got).containsEntry("idle", 3).containsEntry("busy", 1);
    }

    @Test
    void reservedResourcesGoOnlyToTheirRole() {
        Allocator a = new Allocator(Map.of());
        Resources reserved = Resources.parse("cpus:2").reservedAs(Reservation.of(Role.of("db"), Principal.of("p"), "r"));
        a.addAgent("a0", AGENT, Resources.parse("cpus:2;mem:4096").plus(reserved));
        a.addFramework("other", Role.of("other"));
        List<Allocation> out = a.allocate(NOW);
        assertThat(out).singleElement().satisfies(x -> {
            assertThat(x.frameworkId()).isEqualTo("other");
            assertThat(x.resources()).isEqualTo(Resources.parse("cpus:2;mem:4096"));
        });
        a.addFramework("db", Role.of("db"));
        assertThat(a.allocate(NOW)).singleElement().satisfies(x -> {
            assertThat(x.frameworkId()).isEqualTo("db");
            assertThat(x.resources()).isEqualTo(reserved);
        });
    }

    @Test
    void aDeclineFilterHoldsUntilItExpiresOrTheFrameworkRevives() {
        Allocator a = withAgents(Map.of(), 1);
        a.addFramework("f", Role.of("r"));
        Allocation first = a.allocate(NOW).get(0);
        a.offerEnded("f", first.agentId(), first.resources());
        a.decline("f", "a0", NOW.plusSeconds(5));
        assertThat(a.allocate(NOW.plusSeconds(1))).isEmpty();
        assertThat(a.allocate(NOW.plusSeconds(6))).hasSize(1);
    }

    @Test
    void reviveClearsFiltersAndSuppressStopsOffers() {
        Allocator a = withAgents(Map.of(), 1);
        a.addFramework("f", Role.of("r"));
        a.suppress("f");
        assertThat(a.allocate(NOW)).isEmpty();
        a.decline("f", "a0", NOW.plusSeconds(60));
        a.revive("f");
        assertThat(a.allocate(NOW)).hasSize(1);
    }

    @Test
    void resourcesOutInOffersAreNotOfferedTwice() {
        Allocator a = withAgents(Map.of(), 1);
        a.addFramework("f1", Role.of("r1"));
        a.addFramework("f2", Role.of("r2"));
        assertThat(a.allocate(NOW)).hasSize(1);
        assertThat(a.allocate(NOW)).isEmpty();
    }

    @Test
    void roleWeightsAreParsedWithClearErrors() {
        assertThat(MasterConfig.parseWeights(List.of("db/kafka=2", "web=0.5")))
                .containsEntry(Role.of("db/kafka"), 2.0).containsEntry(Role.of("web"), 0.5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MasterConfig.parseWeights(List.of("db=0")))
                .hasMessage("role weight: 'db=0' is not valid; expected ROLE=WEIGHT with a weight above 0, such as db/kafka=2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MasterConfig.parseWeights(List.of("a//b=1")))
                .hasMessageStartingWith("role weight: 'a//b' is not valid");
    }
}
