package dev.berth.bench;

import dev.berth.core.master.Allocation;
import dev.berth.core.master.Allocator;
import dev.berth.core.master.OperationApplier;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.sdk.offer.Evaluation;
import dev.berth.core.sdk.offer.LaunchRequest;
import dev.berth.core.sdk.offer.OfferEvaluator;
import dev.berth.core.sdk.offer.PlacedInstances;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.VolumeSpec;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.VolumeLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Times the placement of one service's pods through Berth's own path, in one JVM without processes:
 * the master's allocation cycle ({@link Allocator}) makes offers, the service's {@link OfferEvaluator}
 * answers each pod instance's launch request with RESERVE + CREATE + LAUNCH, and the master's
 * {@link OperationApplier} applies the accept to the agent's ledger, which goes back to the allocator.
 * The launch request is built as a step builds it: the service's placed instances and endpoints as they
 * are after every earlier launch. Workload: N agents {@code cpus:16;mem:65536;disk:1000000;ports:[31000-32000]},
 * one pod type of N instances with one task {@code cpus:1;mem:1024}, one port with an endpoint, a 1000 MiB
 * volume and the rule "unique agent". {@link FenzoPlacement} places the same workload with Fenzo.
 */
final class PlacementBench {
    static final Role ROLE = Role.of("bench");
    static final Principal PRINCIPAL = Principal.of("bench");
    static final String FW = "fw-bench";
    static final FrameworkInfo FRAMEWORK = new FrameworkInfo(Optional.of(FW), "bench", ROLE, PRINCIPAL, Duration.ofDays(1));
    static final Resources AGENT = Resources.parse("cpus:16;mem:65536;disk:1000000;ports:[31000-32000]");

    private PlacementBench() {
    }

    /**
     * Args: runs (default 5), then {@code berth-only} (no Fenzo) or {@code full} (also Fenzo with the
     * one-per-host rule at 10,000, which takes minutes: its placement is quadratic there).
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String mode = args.length > 1 ? args[1] : "";
        System.out.printf("%-16s %-8s %-8s %-14s %-14s %-12s%n", "placer", "pods", "runs", "median", "min", "pods/s");
        for (int n : new int[]{1_000, 10_000}) {
            print("berth", n, runs, measure(() -> berth(n), n, runs));
            if (mode.equals("berth-only")) {
                continue;
            }
            int fenzoRuns = n > 1_000 ? 1 : runs;
            if (n <= 1_000 || mode.equals("full")) {
                print("fenzo best-fit", n, fenzoRuns, measure(() -> FenzoPlacement.place(n, false), n, fenzoRuns));
                print("fenzo first-fit", n, fenzoRuns, measure(() -> FenzoPlacement.place(n, true), n, fenzoRuns));
            }
            // the same tasks without the one-per-host rule, which Fenzo then packs 16 to a host
            print("fenzo bf packed", n, fenzoRuns, measure(() -> FenzoPlacement.place(n, false, false), n, fenzoRuns));
            print("fenzo ff packed", n, fenzoRuns, measure(() -> FenzoPlacement.place(n, true, false), n, fenzoRuns));
        }
    }

    private static void print(String placer, int n, int runs, double[] r) {
        System.out.printf("%-16s %-8d %-8d %-14s %-14s %-12.0f%n", placer, n, runs, String.format("%.3f s", r[0]),
                String.format("%.3f s", r[1]), n / r[0]);
    }

    /** Median and minimum seconds over {@code runs} runs, after warm-up runs (those of 1,000 pods for larger cases). */
    private static double[] measure(Supplier<IntSupplier> prepare, int n, int runs) {
        if (n <= 1_000) {
            // warm the JIT up on the same work: at least 10 runs and 3 s (one run is still mostly interpreted)
            long until = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 10 || System.nanoTime() < until; i++) {
                check(prepare.get().getAsInt(), n);
            }
        }
        double[] took = new double[runs];
        for (int i = 0; i < runs; i++) {
            IntSupplier run = prepare.get(); // the cluster and the service are made outside the time taken
            long t0 = System.nanoTime();
            check(run.getAsInt(), n);
            took[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(took);
        return new double[]{took[runs / 2], took[0]};
    }

    private static void check(int placed, int n) {
        if (placed != n) {
            throw new IllegalStateException("placed " + placed + " pods of " + n);
        }
    }

    static ServiceSpec spec(int n) {
        TaskSpec task = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 1.0, 1024,
                List.of(new PortSpec("api", 0, null, "api")), List.of(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
        PodSpec pod = new PodSpec("node", n, List.of(new PlacementRule.UniqueAgent()),
                List.of(new VolumeSpec("data", 1000, "ROOT")), List.of(task), Optional.empty());
        return new ServiceSpec("bench", ROLE.name(), PRINCIPAL.name(), List.of(pod), List.of());
    }

    /** N agents and a service of N pods, ready; the run places the pods through Berth's path and answers how many. */
    static IntSupplier berth(int n) {
        ServiceSpec spec = spec(n);
        PodSpec pod = spec.pods().get(0);
        ServiceTarget target = new ServiceTarget("config-1", "bench", "1", Map.of(), Map.of(), spec,
                Instant.parse("2026-11-30T00:00:00Z"));
        Allocator allocator = new Allocator(Map.of());
        allocator.addFramework(FW, ROLE);
        Map<String, VolumeLedger> ledgers = new HashMap<>();
        for (int a = 0; a < n; a++) {
            String id = "agent-" + a;
            VolumeLedger ledger = VolumeLedger.of(AgentLedger.of(id, AGENT));
            ledgers.put(id, ledger);
            allocator.addAgent(id, AGENT, ledger.ledger().free());
        }
        OfferEvaluator evaluator = new OfferEvaluator(ROLE, PRINCIPAL, (t, ctx) -> t);
        return () -> place(n, target, allocator, ledgers, evaluator);
    }

    private static int place(int n, ServiceTarget target, Allocator allocator, Map<String, VolumeLedger> ledgers,
                             OfferEvaluator evaluator) {
        ServiceSpec spec = target.spec();
        PodSpec pod = spec.pods().get(0);
        PlacedInstances placed = PlacedInstances.of(spec, List.of());
        Map<String, TaskRecord> tasks = new HashMap<>();
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        int next = 0;
        while (next < n) {
            List<Offer> pool = new ArrayList<>();
            for (Allocation a : allocator.allocate(now)) {
                int agent = Integer.parseInt(a.agentId().substring("agent-".length()));
                pool.add(new Offer(UUID.randomUUID().toString(), FW, a.agentId(), "host-" + agent, ip(agent),
                        Map.of("zone", "z" + agent % 3), a.resources(), ledgers.get(a.agentId()).volumesOf(ROLE)));
            }
            evaluator.saw(pool);
            pool.sort(java.util.Comparator.comparing(Offer::hostname)); // as the service scheduler does
            int before = next;
            while (next < n && !pool.isEmpty()) {
                String instance = pod.instanceName(next);
                LaunchRequest req = new LaunchRequest(target, pod, next, pod.tasks(), Optional.empty(),
                        placed.without(instance), Map.of(), placed.endpoints(), Optional.empty(), Optional.empty());
                if (!(evaluator.evaluate(req, pool) instanceof Evaluation.Accept accept)) {
                    break;
                }
                pool.remove(accept.offer());
                String agentId = accept.offer().agentId();
                OperationApplier.Applied applied = OperationApplier.apply(FRAMEWORK, agentId, accept.offer().resources(),
                        ledgers.get(agentId), accept.operations());
                ledgers.put(agentId, applied.ledger());
                allocator.offerEnded(FW, agentId, accept.offer().resources());
                allocator.updateFree(agentId, applied.ledger().ledger().free());
                for (TaskInfo t : applied.launched()) {
                    allocator.allocated(FW, t.resources());
                    tasks.put(t.name(), new TaskRecord(t.name(), instance, target.id(), t,
                            Optional.of(TaskStatus.of(t.taskId(), agentId, TaskState.STAGING, "accepted"))));
                }
                placed = placed.with(accept.instance());
                next++;
            }
            for (Offer o : pool) {
                allocator.offerEnded(FW, o.agentId(), o.resources());
            }
            if (next == before) {
                break; // nothing fits any more
            }
        }
        return next;
    }

    static String ip(int agent) {
        return "10." + (agent >> 16 & 255) + "." + (agent >> 8 & 255) + "." + (agent & 255);
    }
}
