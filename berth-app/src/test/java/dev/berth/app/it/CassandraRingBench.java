package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.events.ClusterEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of behaviour (run by {@code bench/cassandra-ring.sh}, never by {@code mvn verify}):
 * times the deploy of a fresh three-node Cassandra ring through Berth ({@code berth install cassandra --set
 * cassandra.fast_join=true} on a running cluster, as CassandraServiceIT does) until its deploy plan is
 * COMPLETE, and says where the time went, per node, from the master's step events and log, the agents'
 * logs and the node's own log: the launch (step accepted to process running), the node's own start (to
 * NORMAL in the ring, then to serving CQL), readiness polling (CQL up to the master hearing "ready"), the
 * package's check (ready to step COMPLETE), and the hand-over to the next node; then the
 * {@code secure-superuser} step.
 */
class CassandraRingBench {
    static final Duration PLAN_WAIT = Duration.ofMinutes(4);
    static final String SERVICE = "cassandra";
    static final String NAME = "bench-ring";

    /** When each mark of one node's deploy happened. */
    record NodeMarks(String node, LocalDateTime accepted, LocalDateTime running, LocalDateTime normal, LocalDateTime cql,
                     LocalDateTime readySeen, LocalDateTime complete, String downloads) {
    }

    @Test
    void deployOfAFreshRing() throws Exception {
        Duration clusterStart;
        long c0 = System.nanoTime();
        try (ItCluster cluster = new ItCluster(NAME, 1, 3, "cpus:1;mem:3072;disk:8192;ports:[31000-31010]", List.of())) {
            clusterStart = Duration.ofNanos(System.nanoTime() - c0);
            LocalDateTime t0 = LocalDateTime.now();
            long n0 = System.nanoTime();
            ItCluster.CommandResult install = cluster.cli("install", SERVICE, "--set", "cassandra.fast_join=true");
            assertThat(install.exitCode()).as(install.output()).isZero();
            List<String> story = watchDeploy(new RollBench(cluster, SERVICE, "node", "", null, PLAN_WAIT), t0);
            Duration deploy = Duration.ofNanos(System.nanoTime() - n0);
            report(cluster, t0, deploy, clusterStart);
            System.out.println();
            System.out.println("What the steps said, as the bench saw them (polling the plan every 100 ms):");
            story.forEach(System.out::println);
            ItCluster.CommandResult uninstall = cluster.cli("uninstall", SERVICE);
            assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        }
    }

    /**
     * Waits for the deploy plan to be COMPLETE, noting every new status or message of its steps (the
     * events tell only the first reason of a wait; the package's answers on the way are in the messages).
     */
    private static List<String> watchDeploy(RollBench bench, LocalDateTime t0) throws InterruptedException {
        List<String> story = new ArrayList<>();
        Map<String, String> last = new java.util.HashMap<>();
        long deadline = System.nanoTime() + PLAN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            dev.berth.core.protocol.ServiceViews.PlanView plan;
            try {
                plan = bench.plan("deploy");
            } catch (RuntimeException e) {
                Thread.sleep(100);
                continue;
            }
            for (var phase : plan.phases()) {
                for (var step : phase.steps()) {
                    String now = step.status() + ": " + step.message();
                    if (!now.equals(last.put(step.name(), now))) {
                        story.add(String.format("%7.2f s %s %s", s(Duration.between(t0, LocalDateTime.now())), step.name(), now));
                    }
                }
            }
            if (plan.status().equals("COMPLETE")) {
                return story;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the deploy plan did not complete within " + PLAN_WAIT);
    }

    private static void report(ItCluster cluster, LocalDateTime t0, Duration deploy, Duration clusterStart) throws Exception {
        List<ClusterEvent> events = cluster.api.get("/v1/events?service=" + SERVICE, new TypeReference<>() {
        });
        Path masterLog = BerthProcess.LOGS.resolve(NAME + "-master-1.log");
        List<NodeMarks> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String node = "node-" + i;
            String task = taskId(cluster, node);
            Map.Entry<String, Path> agent = agentOf(cluster, task);
            Path stdout = agent.getValue().resolve("sandboxes/" + task + "/stdout");
            nodes.add(new NodeMarks(node,
                    stepTime(events, node, "PREPARED"),
                    RollBench.agentLine(BerthProcess.LOGS.resolve(agent.getKey() + ".log"), "task " + task + " running as pid").orElseThrow(),
                    nodeLine(stdout, "state jump to NORMAL"),
                    nodeLine(stdout, "Starting listening for CQL clients"),
                    masterReady(masterLog, task).orElseThrow(),
                    stepTime(events, node, "COMPLETE"),
                    downloads(BerthProcess.LOGS.resolve(agent.getKey() + ".log"))));
        }
        LocalDateTime superStart = events.stream().filter(e -> e.kind().equals("step.status")
                        && e.subject().endsWith("/secure-superuser") && !"PENDING".equals(e.details().get("to")))
                .map(e -> local(e.time())).findFirst().orElseThrow();
        LocalDateTime superDone = stepTime(events, "secure-superuser", "COMPLETE");

        System.out.println();
        System.out.println("| node | accepted (s) | launch (s) | own start to NORMAL (s) | NORMAL to CQL (s) | readiness"
                + " polling (s) | package check (s) | to the next step (s) | jars downloaded |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Duration launch = Duration.ZERO;
        Duration own = Duration.ZERO;
        Duration polling = Duration.ZERO;
        Duration check = Duration.ZERO;
        Duration handOver = Duration.ZERO;
        for (int i = 0; i < nodes.size(); i++) {
            NodeMarks m = nodes.get(i);
            LocalDateTime next = i + 1 < nodes.size() ? nodes.get(i + 1).accepted() : superStart;
            Duration l = Duration.between(m.accepted(), m.running());
            Duration o = Duration.between(m.running(), m.cql());
            Duration p = Duration.between(m.cql(), m.readySeen());
            Duration c = Duration.between(m.readySeen(), m.complete());
            Duration h = Duration.between(m.complete(), next);
            launch = launch.plus(l);
            own = own.plus(o);
            polling = polling.plus(p);
            check = check.plus(c);
            handOver = handOver.plus(h);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", m.node(), s(Duration.between(t0, m.accepted())),
                    s(l), s(Duration.between(m.running(), m.normal())), s(Duration.between(m.normal(), m.cql())), s(p), s(c), s(h),
                    m.downloads());
        }
        Duration before = Duration.between(t0, nodes.get(0).accepted());
        Duration superuser = Duration.between(superStart, superDone);
        Duration after = deploy.minus(Duration.between(t0, superDone));
        System.out.println();
        System.out.println("| part | seconds |");
        System.out.println("|---|---|");
        System.out.printf("| install to deploy COMPLETE (the CLI's install to the plan seen COMPLETE) | %.1f |%n", s(deploy));
        System.out.printf("| before the first launch (CLI start, install, first offer) | %.1f |%n", s(before));
        System.out.printf("| launches, summed (step accepted to process running) | %.1f |%n", s(launch));
        System.out.printf("| nodes' own starts, summed (process running to CQL, joins included) | %.1f |%n", s(own));
        System.out.printf("| readiness polling, summed (CQL up to the master hearing ready) | %.1f |%n", s(polling));
        System.out.printf("| package's checks, summed (ready to step COMPLETE) | %.1f |%n", s(check));
        System.out.printf("| hand-overs, summed (step COMPLETE to the next step accepted) | %.1f |%n", s(handOver));
        System.out.printf("| secure-superuser (STARTED to COMPLETE) | %.1f |%n", s(superuser));
        System.out.printf("| after (plan COMPLETE seen by the bench, polling every 250 ms) | %.1f |%n", s(after));
        System.out.printf("| (the cluster's own start, ZooKeeper, master and 3 agents, not counted above) | %.1f |%n", s(clusterStart));
        events.stream().filter(e -> e.subject().endsWith("/secure-superuser")).forEach(e -> System.out.println(
                "secure-superuser " + local(e.time()).toLocalTime() + ": " + e.message()));
    }

    private static String taskId(ItCluster cluster, String node) {
        List<dev.berth.core.protocol.ServiceViews.PodRow> pods = cluster.api.get("/v1/services/" + SERVICE + "/pods",
                new TypeReference<>() {
                });
        return pods.stream().flatMap(p -> p.tasks().stream()).filter(t -> t.name().equals(node + "-server") && t.taskId() != null)
                .map(dev.berth.core.protocol.ServiceViews.TaskRow::taskId).findFirst().orElseThrow();
    }

    private static Map.Entry<String, Path> agentOf(ItCluster cluster, String task) throws Exception {
        for (var agent : cluster.workDirs.entrySet()) {
            if (Files.isDirectory(agent.getValue().resolve("sandboxes/" + task))) {
                return agent;
            }
        }
        throw new IllegalStateException("no agent has a sandbox of " + task);
    }

    /** The first event of a step (by its name, {@code node-1}) moving to {@code status}, in local time. */
    private static LocalDateTime stepTime(List<ClusterEvent> events, String step, String status) {
        return events.stream().filter(e -> e.kind().equals("step.status") && e.subject().startsWith("deploy/")
                        && e.subject().endsWith("/" + step) && status.equals(e.details().get("to")))
                .map(e -> local(e.time())).findFirst().orElseThrow(() -> new IllegalStateException(
                        "no event of deploy step " + step + " moving to " + status));
    }

    private static Optional<LocalDateTime> masterReady(Path masterLog, String task) {
        try (Stream<String> lines = Files.lines(masterLog)) {
            return lines.filter(l -> l.contains(task) && l.contains("RUNNING ready")).findFirst()
                    .map(l -> LocalDateTime.parse(l.substring(0, 23), RollBench.LOG_TIME));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LocalDateTime nodeLine(Path stdout, String text) throws Exception {
        try (Stream<String> lines = Files.lines(stdout)) {
            return CassandraRollBench.time(lines.filter(l -> l.contains(text)).findFirst().orElseThrow(
                    () -> new IllegalStateException(stdout + " has no line with '" + text + "'")));
        }
    }

    /**
     * What the agent's resolve of the node's artifacts downloaded ("0 new downloads (0 bytes)"): its latest
     * resolve, since an agent's log is appended to by every run and this run launches one node per agent.
     */
    private static String downloads(Path agentLog) throws Exception {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(\\d+) new downloads \\((\\d+) bytes\\)");
        try (Stream<String> lines = Files.lines(agentLog)) {
            return lines.filter(l -> l.contains("cassandra-all")).map(p::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1) + " (" + Long.parseLong(m.group(2)) / (1024 * 1024) + " MiB)")
                    .reduce((first, later) -> later).orElse("?");
        }
    }

    private static LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault());
    }

    private static double s(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
