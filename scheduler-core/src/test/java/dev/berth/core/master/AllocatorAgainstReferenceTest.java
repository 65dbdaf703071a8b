package dev.berth.core.master;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocator hands out exactly the offers of {@link ReferenceAllocator} (the sorted-list version it
 * replaced): same framework, agent and resources, in the same sequence, cycle after cycle. Scenarios are
 * random but seeded, with several roles and weights, reservations (some agents wholly reserved, some for
 * roles no framework has), shares that tie, suppressed frameworks, decline filters that hold or have
 * expired, frameworks coming and going, and offers that are kept, returned or used by a launch. Both
 * allocators shuffle the agents with equally seeded sources, so they visit the agents in the same order.
 */
class AllocatorAgainstReferenceTest {
    static final Instant START = Instant.parse("2026-11-30T00:00:00Z");
    static final int SCENARIOS = 300;
    static final int CYCLES = 5;

    /** What the scenarios exercised, so that the comparison is known to cover the cases that matter. */
    private int offers;
    private int reservedOnlyOffers;
    private int unreservedAndReservedOffers;
    private int filtersInForce;

    @Test
    void sameOffersAsTheReferenceOnSeededRandomScenarios() {
        for (int seed = 0; seed < SCENARIOS; seed++) {
            new Scenario(seed).run();
        }
        assertThat(offers).as("offers made").isGreaterThan(1_000);
        assertThat(reservedOnlyOffers).as("offers of reserved resources alone").isPositive();
        assertThat(unreservedAndReservedOffers).as("offers of unreserved and reserved resources").isPositive();
        assertThat(filtersInForce).as("decline filters that were in force").isPositive();
    }

    private final class Scenario {
        final int seed;
        final Random random;
        final Allocator allocator;
        final ReferenceAllocator reference;
        final List<Role> roles = new ArrayList<>();
        final List<String> frameworks = new ArrayList<>();
        final Map<String, Resources> free = new LinkedHashMap<>();
        int nextFramework;

        Scenario(int seed) {
            this.seed = seed;
            this.random = new Random(seed);
            int roleCount = 1 + random.nextInt(6);
            Map<Role, Double> weights = new HashMap<>();
            double[] someWeights = {0.5, 1, 2, 3};
            for (int i = 0; i < roleCount; i++) {
                Role role = Role.of("team-" + i + "/db");
                roles.add(role);
                if (random.nextInt(3) == 0) {
                    weights.put(role, someWeights[random.nextInt(someWeights.length)]);
                }
            }
            allocator = new Allocator(weights, new Random(seed));
            reference = new ReferenceAllocator(weights, new Random(seed));
        }

        void run() {
            int agentCount = 1 + random.nextInt(30);
            for (int a = 0; a < agentCount; a++) {
                addAgent("agent-" + a);
            }
            int frameworkCount = 1 + random.nextInt(25);
            for (int f = 0; f < frameworkCount; f++) {
                addFramework();
            }
            for (String f : frameworks) {
                if (random.nextInt(3) == 0) {
                    // Few distinct amounts, so that shares tie within and across roles.
                    Resources held = Resources.parse("cpus:" + (1 + random.nextInt(2)));
                    allocator.allocated(f, held);
                    reference.allocated(f, held);
                }
            }
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                Instant now = START.plusSeconds(10L * cycle);
                changeBetweenCycles(now);
                List<Allocation> expected = reference.allocate(now);
                List<Allocation> actual = allocator.allocate(now);
                assertThat(actual).as("seed %d, cycle %d", seed, cycle).isEqualTo(expected);
                count(expected);
                settle(expected);
            }
        }

        void addAgent(String id) {
            int size = 1 + random.nextInt(3);
            Resources total = Resources.parse("cpus:" + 4 * size + ";mem:" + 4096 * size + ";disk:10000;ports:[31000-31009]");
            Resources agentFree = total;
            int kind = random.nextInt(10);
            if (kind == 0) {
                agentFree = total.reservedAs(reservation(id, 0));
            } else if (kind < 5) {
                agentFree = reserve(agentFree, Resources.parse("cpus:1;mem:1024"), reservation(id, 1));
                if (kind < 2) {
                    agentFree = reserve(agentFree, Resources.parse("cpus:2;ports:[31000-31001]"), reservation(id, 2));
                }
            }
            free.put(id, agentFree);
            allocator.addAgent(id, total, agentFree);
            reference.addAgent(id, total, agentFree);
        }

        /** A reservation for one of the roles, or for a role that no framework has. */
        Reservation reservation(String agentId, int n) {
            Role role = random.nextInt(5) == 0 ? Role.of("nobody") : roles.get(random.nextInt(roles.size()));
            return Reservation.of(role, Principal.of("p"), agentId + "-" + n);
        }

        Resources reserve(Resources agentFree, Resources amount, Reservation reservation) {
            return agentFree.minus(amount).plus(amount.reservedAs(reservation));
        }

        void addFramework() {
            String id = "fw-" + nextFramework++;
            Role role = roles.get(random.nextInt(roles.size()));
            frameworks.add(id);
            allocator.addFramework(id, role);
            reference.addFramework(id, role);
            if (random.nextInt(6) == 0) {
                allocator.suppress(id);
                reference.suppress(id);
            }
        }

        void changeBetweenCycles(Instant now) {
            for (String f : List.copyOf(frameworks)) {
                int roll = random.nextInt(40);
                if (roll == 0) {
                    frameworks.remove(f);
                    allocator.removeFramework(f);
                    reference.removeFramework(f);
                } else if (roll < 4) {
                    allocator.revive(f);
                    reference.revive(f);
                } else if (roll < 6) {
                    allocator.suppress(f);
                    reference.suppress(f);
                }
                for (String agent : free.keySet()) {
                    if (random.nextInt(8) == 0) {
                        // Some filters are still in force at this cycle, some have already run out.
                        Instant until = now.plusSeconds(random.nextInt(30) - 10);
                        allocator.decline(f, agent, until);
                        reference.decline(f, agent, until);
                        if (until.isAfter(now) && !allocator.isSuppressed(f)) {
                            filtersInForce++;
                        }
                    }
                }
            }
            if (random.nextInt(3) == 0) {
                addFramework();
            }
            if (random.nextInt(4) == 0) {
                String agent = "agent-" + random.nextInt(free.size() + 1);
                allocator.removeAgent(agent);
                reference.removeAgent(agent);
                free.remove(agent);
                addAgent(agent);
            }
        }

        /** Each offer is kept out, returned, or used whole by a launch that then holds it. */
        void settle(List<Allocation> made) {
            for (Allocation a : made) {
                int roll = random.nextInt(3);
                if (roll == 0 || !free.containsKey(a.agentId())) {
                    continue;
                }
                allocator.offerEnded(a.frameworkId(), a.agentId(), a.resources());
                reference.offerEnded(a.frameworkId(), a.agentId(), a.resources());
                if (roll == 2) {
                    Resources left = free.get(a.agentId()).minus(a.resources());
                    free.put(a.agentId(), left);
                    allocator.updateFree(a.agentId(), left);
                    reference.updateFree(a.agentId(), left);
                    allocator.allocated(a.frameworkId(), a.resources());
                    reference.allocated(a.frameworkId(), a.resources());
                }
            }
        }
    }

    private void count(List<Allocation> made) {
        for (Allocation a : made) {
            offers++;
            boolean reserved = a.resources().anyReserved();
            boolean unreserved = !a.resources().unreserved().isEmpty();
            if (reserved && !unreserved) {
                reservedOnlyOffers++;
            } else if (reserved) {
                unreservedAndReservedOffers++;
            }
        }
    }
}
