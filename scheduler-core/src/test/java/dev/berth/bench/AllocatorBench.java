package dev.berth.bench;

import dev.berth.core.master.Allocation;
import dev.berth.core.master.Allocator;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times full allocation cycles of the DRF allocator against simulated agents (no processes, no
 * network): every agent offerable, every framework wanting offers, one agent in ten holding a
 * reservation for some role. After each cycle all offers are returned so the next does the same work.
 * The cases go up to 10,000 agents and 3,000 frameworks (each framework of its own role).
 * Prints a table: agents, frameworks, median cycle time, offers per second.
 *
 * <p>Run with {@code bench/allocator.sh} (see bench/README.md).
 */
public final class AllocatorBench {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[][] cases = {{1_000, 10}, {1_000, 100}, {10_000, 10}, {10_000, 100}, {10_000, 1_000}, {10_000, 3_000}};
        System.out.printf("%-8s %-11s %-15s %-15s %-14s%n", "agents", "frameworks", "median cycle", "min cycle", "offers/s");
        for (int[] c : cases) {
            Result r = measure(c[0], c[1], runs);
            System.out.printf("%-8d %-11d %-15s %-15s %-14.0f%n", c[0], c[1],
                    String.format("%.1f ms", r.medianMs), String.format("%.1f ms", r.minMs), r.offersPerSecond);
        }
    }

    record Result(double medianMs, double minMs, double offersPerSecond) {
    }

    static Result measure(int agentCount, int frameworkCount, int runs) {
        Random random = new Random(42);
        Allocator allocator = new Allocator(Map.of());
        List<Role> roles = new ArrayList<>();
        for (int f = 0; f < frameworkCount; f++) {
            Role role = Role.of("bench/role-" + f);
            roles.add(role);
            allocator.addFramework("fw-" + f, role);
        }
        Resources agent = Resources.parse("cpus:16;mem:65536;disk:1000000;ports:[31000-32000]");
        for (int a = 0; a < agentCount; a++) {
            Resources free = agent;
            if (a % 10 == 0) {
                Role role = roles.get(random.nextInt(roles.size()));
                Resources reserved = Resources.parse("cpus:4;mem:8192;disk:100000")
                        .reservedAs(Reservation.of(role, Principal.of("p"), "r-" + a));
                free = agent.minus(reserved.withoutReservations()).plus(reserved);
            }
            allocator.addAgent("agent-" + a, agent, free);
        }
        // Warm up the JIT on the same work, for at least 10 cycles and 2 seconds: after only 3 cycles the
        // small cases were often still on interpreted or early-compiled code, 5 to 10 times slower than later.
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 10 || System.nanoTime() < warmUntil; i++) {
            returnAll(allocator, allocator.allocate(Instant.now()));
        }
        double[] ms = new double[runs];
        long offers = 0;
        double totalSeconds = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<Allocation> out = allocator.allocate(Instant.now());
            long took = System.nanoTime() - start;
            ms[i] = took / 1e6;
            offers += out.size();
            totalSeconds += took / 1e9;
            returnAll(allocator, out);
        }
        Arrays.sort(ms);
        return new Result(ms[runs / 2], ms[0], offers / totalSeconds);
    }

    private static void returnAll(Allocator allocator, List<Allocation> out) {
        for (Allocation a : out) {
            allocator.offerEnded(a.frameworkId(), a.agentId(), a.resources());
        }
    }
}
