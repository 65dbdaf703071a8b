package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Chaos on real parts: a three-server ZooKeeper ensemble, two masters and four agents as processes, a
 * Kafka service (three brokers) and a Cassandra service (three nodes) installed on them, an idempotent
 * acks=all producer and a QUORUM writer writing all along. A schedule drawn from a seed then kills the
 * leading master, kills and restarts an agent, freezes an agent past its timeout (SIGSTOP, then SIGCONT),
 * restarts a ZooKeeper server and kills a database node, each kind {@code chaos.faults} times (default 2),
 * waiting after each for the cluster to settle (every server of the ensemble serving, both masters up and
 * one leading, every agent back, every plan complete, every node running and ready and in sync, both
 * clients acknowledging again). At the end every acknowledged Kafka record is read back once and in order
 * per partition, every acknowledged row reads back at QUORUM, no plan is stuck, and the ledger holds
 * exactly the reservations of the running pod instances.
 *
 * <p>{@code -Dchaos.seed=N} replays a run's schedule (the seed is printed first), {@code -Dchaos.faults=N}
 * sets how many faults of each kind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {
    static final long SEED = Long.getLong("chaos.seed", new Random().nextLong());
    static final int FAULTS_PER_KIND = Integer.getInteger("chaos.faults", 2);
    static final int AGENTS = 4;
    static final int INSTANCES = 3;
    /** Far longer than any freeze of the schedule: a frozen agent's nodes are adopted, never replaced. */
    static final Duration PERMANENT_FAILURE = Duration.ofSeconds(120);
    /** A Cassandra node relaunched on two busy cores, or a plan after a failover: well beyond ItCluster's 90 s. */
    static final Duration SETTLE = Duration.ofMinutes(4);
    static final String DATACENTER = "dc1";
    static final String SUPERUSER = "admin";
    static final List<String> SERVICES = List.of("kafka", "cassandra");
    static final List<String> FIGURES = new ArrayList<>();
    static final long BEGIN = System.nanoTime();

    static List<Fault> schedule;
    static ZkEnsemble zk;
    static ItCluster cluster;
    static NumberedProducer producer;
    static CqlSession session;
    static QuorumWriter writer;

    enum Kind { MASTER_KILL, AGENT_KILL, AGENT_STOP, ZK_RESTART, NODE_KILL }

    /**
     * One fault of the schedule: its kind, the index of its target (agent, ZooKeeper server or pod
     * instance; the leading master is whichever leads), the service of a node kill, and how long the target
     * stays down (an agent or ZooKeeper server before it starts again, a frozen agent beyond its timeout, a
     * killed master before it starts again as a standby).
     */
    record Fault(Kind kind, int target, String service, Duration down) {
        @Override
        public String toString() {
            String what = switch (kind) {
                case MASTER_KILL -> "SIGKILL of the leading master, started again after";
                case AGENT_KILL -> "SIGKILL of agent-" + target + ", started again after";
                case AGENT_STOP -> "SIGSTOP of agent-" + target + " until unreachable, then SIGCONT after another";
                case ZK_RESTART -> "SIGKILL of ZooKeeper server " + (target + 1) + ", started again after";
                case NODE_KILL -> "SIGKILL of " + service + " " + instance() + "'s process group, relaunched by Berth; observed";
            };
            return what + " " + down.toMillis() + " ms";
        }

        String instance() {
            return (service.equals("kafka") ? "broker-" : "node-") + target;
        }
    }

    /** The schedule of a seed: each kind {@code perKind} times, shuffled, with targets and down times drawn. */
    static List<Fault> schedule(long seed, int perKind) {
        Random random = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            kinds.addAll(Collections.nCopies(perKind, k));
        }
        Collections.shuffle(kinds, random);
        List<Fault> faults = new ArrayList<>();
        for (Kind k : kinds) {
            int target = switch (k) {
                case AGENT_KILL, AGENT_STOP -> random.nextInt(AGENTS);
                case ZK_RESTART -> random.nextInt(3);
                case NODE_KILL -> random.nextInt(INSTANCES);
                case MASTER_KILL -> 0;
            };
            String service = k == Kind.NODE_KILL ? SERVICES.get(random.nextInt(SERVICES.size())) : "";
            Duration down = Duration.ofMillis(switch (k) {
                case AGENT_KILL -> 1000 + random.nextInt(7000); // below and beyond the 5 s agent timeout
                case NODE_KILL -> 0;
                default -> random.nextInt(5000);
            });
            faults.add(new Fault(k, target, service, down));
        }
        return faults;
    }

    @BeforeAll
    static void start() throws Exception {
        schedule = schedule(SEED, FAULTS_PER_KIND);
        System.out.printf("chaos: seed %d (replay: -Dchaos.seed=%d -Dchaos.faults=%d), %d faults:%n", SEED, SEED,
                FAULTS_PER_KIND, schedule.size());
        for (int i = 0; i < schedule.size(); i++) {
            System.out.printf("chaos:   %2d. %s%n", i + 1, schedule.get(i));
        }
        zk = new ZkEnsemble("chaos", 3);
        // every agent can hold a broker (0.5 cpus, 768 MiB) and a node (0.5 + 2 x 0.08 cpus, 1536 + 2 x 256 MiB)
        cluster = new ItCluster("chaos", 2, AGENTS, "cpus:2;mem:4096;disk:8192;ports:[31000-31019]",
                List.of("--permanent-failure-timeout", Long.toString(PERMANENT_FAILURE.toSeconds())), zk);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (producer != null) {
                producer.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (session != null) {
                session.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close(); // closes the ensemble too
            } else if (zk != null) {
                zk.close();
            }
            System.out.printf("chaos: seed %d, %d faults of %d kinds%n", SEED, schedule.size(), Kind.values().length);
            FIGURES.forEach(f -> System.out.println("chaos: " + f));
            System.out.printf("chaos: whole run %.0f s%n", (System.nanoTime() - BEGIN) / 1e9);
        }
    }

    // ------------------------------------------------------------------ the tests, in order

    @Test
    @Order(1)
    void bothServicesDeployAndTheirClientsWrite() throws Exception {
        long begin = System.nanoTime();
        ok("install", "kafka", "--set", "kafka.server_properties=auto.create.topics.enable=false");
        // fast_join: a fresh ring holds no data, so the 30 s ring delay buys nothing here
        ok("install", "cassandra", "--set", "cassandra.fast_join=true", "--set", "cassandra.datacenter=" + DATACENTER);
        for (String svc : SERVICES) {
            awaitPlanComplete(svc, "deploy");
        }
        figure("deploy of 3 brokers and 3 nodes", begin);

        String brokers = endpoint("kafka", "broker");
        try (Admin admin = admin(brokers)) {
            admin.createTopics(List.of(new NewTopic("numbers", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();
        }
        producer = NumberedProducer.start(brokers, "numbers");

        String password = cluster.api.get("/v1/services/cassandra/secrets/superuser_password",
                ServiceViews.SecretValue.class).value();
        session = QuorumWriter.session(endpoint("cassandra", "native-client"), DATACENTER, SUPERUSER, password);
        QuorumWriter.createTable(session, DATACENTER);
        writer = new QuorumWriter(session, 0, "before the faults");

        producer.awaitAcknowledged(200);
        writer.awaitAcknowledged(20, Duration.ofSeconds(60));
        settle("the start", Instant.now());
    }

    @Test
    @Order(2)
    void theScheduleOfFaults() throws Exception {
        for (int i = 0; i < schedule.size(); i++) {
            Fault f = schedule.get(i);
            String name = (i + 1) + ". " + f.kind();
            writer.phase(name);
            long acked = producer.acknowledged();
            int rows = writer.count();
            long begin = System.nanoTime();
            System.out.printf("chaos: fault %d of %d: %s%n", i + 1, schedule.size(), f);
            String detail = inflict(f);
            double faultSeconds = (System.nanoTime() - begin) / 1e9;
            settle("fault " + name, Instant.now());
            FIGURES.add(String.format("fault %s (%s): %s; fault %.1f s, settled after %.1f s; meanwhile %d records and"
                            + " %d rows acknowledged", name, f, detail, faultSeconds, (System.nanoTime() - begin) / 1e9 - faultSeconds,
                    producer.acknowledged() - acked, writer.count() - rows));
            System.out.println("chaos: " + FIGURES.get(FIGURES.size() - 1));
        }
    }

    @Test
    @Order(3)
    void everyAcknowledgedWriteIsThereNoPlanIsStuckAndTheLedgerHoldsTheInstancesReservations() throws Exception {
        producer.close();
        NumberedProducer.Verdict v = producer.verify();
        FIGURES.add(String.format("kafka: %d records acknowledged, %d sends failed, %d consumed; missing %d, duplicated %d,"
                + " partitions out of order %s", v.acknowledged(), v.failed(), v.consumed(), v.missing().size(),
                v.duplicates().size(), v.outOfOrder()));
        writer.close();
        Set<Integer> rows = writer.acknowledged();
        Map<Integer, Long> read = QuorumWriter.readAll(session);
        List<Integer> missing = rows.stream().filter(id -> !read.containsKey(id) || read.get(id) != (long) id * id).sorted().toList();
        FIGURES.add(String.format("cassandra: %d rows acknowledged, %d writes failed, %d rows read back at QUORUM;"
                + " acknowledged but not read back %d", rows.size(), writer.allFailures().size(), read.size(), missing.size()));
        writer.allFailures().forEach(f -> System.out.println("chaos: cassandra: failed write: " + f));

        v.assertEveryAcknowledgedRecordOnceInOrder();
        assertThat(missing).as("rows acknowledged at QUORUM but not read back").isEmpty();
        assertThat(rows).hasSizeGreaterThan(100);

        for (String svc : SERVICES) {
            assertThat(stuckPlans(svc)).as(svc + "'s plans that are not complete").isEmpty();
            assertThat(ledgerMismatch(svc)).as(svc + ": the ledger against the running instances' reservations").isEmpty();
        }
    }

    // ------------------------------------------------------------------ faults

    /** Does one fault and answers what it hit. */
    static String inflict(Fault f) throws Exception {
        return switch (f.kind()) {
            case MASTER_KILL -> killLeadingMaster(f.down());
            case AGENT_KILL -> killAgent(f.target(), f.down());
            case AGENT_STOP -> freezeAgent(f.target(), f.down());
            case ZK_RESTART -> restartZooKeeper(f.target(), f.down());
            case NODE_KILL -> killNode(f.service(), f.instance());
        };
    }

    static String killLeadingMaster(Duration down) throws Exception {
        BerthProcess leader = cluster.leader();
        String leaderUrl = cluster.masterUrls.get(cluster.masters.indexOf(leader));
        leader.sigkill();
        long begin = System.nanoTime();
        await(() -> !cluster.leader().equals(leader), SETTLE, "another master leading after " + leader.name + " was killed");
        double takeover = (System.nanoTime() - begin) / 1e9;
        Thread.sleep(down.toMillis()); // the schedule's down time
        leader.startAgain();
        await(() -> healthy(leaderUrl), SETTLE, leader.name + " up again (as a standby)");
        return String.format("%s killed, %s led after %.1f s", leader.name, cluster.leader().name, takeover);
    }

    static String killAgent(int index, Duration down) throws Exception {
        String name = agentName(index);
        BerthProcess agent = cluster.agents.get(name);
        agent.sigkill();
        Thread.sleep(down.toMillis()); // the schedule's down time
        String seen = agentRow(name).status();
        agent.startAgain();
        return name + " (" + instancesOn(name) + ") down " + down.toMillis() + " ms, the master saw it " + seen;
    }

    static String freezeAgent(int index, Duration extra) throws Exception {
        String name = agentName(index);
        BerthProcess agent = cluster.agents.get(name);
        signal("STOP", agent.pid());
        long begin = System.nanoTime();
        try {
            await(() -> agentRow(name).status().equals("UNREACHABLE"), Duration.ofSeconds(60), name + " UNREACHABLE while frozen");
            Thread.sleep(extra.toMillis()); // the schedule's time beyond the agent timeout
        } finally {
            signal("CONT", agent.pid());
        }
        return String.format("%s (%s) frozen %.1f s", name, instancesOn(name), (System.nanoTime() - begin) / 1e9);
    }

    static String restartZooKeeper(int index, Duration down) throws Exception {
        String wasLeader = zk.leader().map(l -> l == index ? "the ensemble's leader" : "a follower").orElse("?");
        zk.kill(index);
        Thread.sleep(down.toMillis()); // the schedule's down time
        zk.startAgain(index);
        return "server " + (index + 1) + " (" + wasLeader + ")";
    }

    static String killNode(String svc, String instance) throws Exception {
        ServiceViews.PodRow pod = pod(svc, instance);
        ServiceViews.TaskRow server = serverTask(pod);
        long group = cluster.taskProcessGroup(pod.hostname(), server.taskId());
        signal("KILL", -group);
        // the end of the process must be seen before the cluster can be said to have settled again
        await(() -> !serverTask(pod(svc, instance)).taskId().equals(server.taskId())
                || !serverTask(pod(svc, instance)).state().equals("RUNNING"), SETTLE, svc + " " + instance + "'s end seen");
        return svc + " " + instance + " on " + pod.hostname() + " (process group " + group + ")";
    }

    // ------------------------------------------------------------------ settling

    /**
     * Waits, each with a bound and a name, until the cluster has settled after a fault that ended at
     * {@code since}: every ZooKeeper server serving, both masters up and one leading, every agent reachable
     * and heard from since, every plan of both services complete and every instance's server running and
     * ready, every partition's replicas in sync, the driver seeing every node up, and both clients
     * acknowledging writes again.
     */
    static void settle(String after, Instant since) {
        await(zk::allServing, SETTLE, "every ZooKeeper server serving after " + after);
        for (int i = 0; i < cluster.masters.size(); i++) {
            String url = cluster.masterUrls.get(i);
            await(() -> healthy(url), SETTLE, "master " + url + " up after " + after);
        }
        await(() -> cluster.agentRows().stream().filter(a -> a.status().equals("REACHABLE") && a.lastSeen().isAfter(since))
                .count() == AGENTS, SETTLE, "every agent REACHABLE and heard from after " + after);
        for (String svc : SERVICES) {
            await(() -> serversReady(svc), SETTLE, "every " + svc + " instance RUNNING and ready after " + after);
            awaitPlansComplete(svc, after);
        }
        try (Admin admin = admin(endpoint("kafka", "broker"))) {
            await(() -> admin.describeTopics(List.of("numbers")).allTopicNames().get().get("numbers").partitions().stream()
                    .allMatch(p -> p.isr().size() == INSTANCES), SETTLE, "every partition of numbers with 3 in-sync replicas after " + after);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await(() -> session.getMetadata().getNodes().values().stream().filter(n -> n.getState() == NodeState.UP).count()
                == INSTANCES, SETTLE, "the CQL driver seeing 3 nodes up after " + after);
        producer.awaitAcknowledged(producer.acknowledged() + 100);
        writer.awaitAcknowledged(writer.count() + 20, SETTLE);
    }

    static boolean healthy(String masterUrl) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(masterUrl + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    static boolean serversReady(String svc) {
        List<ServiceViews.PodRow> pods = pods(svc);
        return pods.size() == INSTANCES && pods.stream().allMatch(p -> {
            ServiceViews.TaskRow t = serverTask(p);
            return t.state().equals("RUNNING") && t.ready();
        });
    }

    /** Waits for every plan of the service that is not an operator's to start (never started) to complete. */
    static void awaitPlansComplete(String svc, String after) {
        try {
            await(() -> stuckPlans(svc).isEmpty(), SETTLE, "every " + svc + " plan COMPLETE after " + after);
        } catch (ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder(e.getMessage());
            for (String plan : stuckPlans(svc)) {
                ServiceViews.PlanView p = plan(svc, plan);
                p.phases().forEach(ph -> ph.steps().forEach(s -> why.append(String.format("%n  %s/%s/%s %s: %s",
                        plan, ph.name(), s.name(), s.status(), s.message()))));
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    static void awaitPlanComplete(String svc, String plan) {
        await(() -> plan(svc, plan).status().equals("COMPLETE"), SETTLE, "the " + svc + " " + plan + " plan COMPLETE");
    }

    /**
     * The service's plans that are not complete, but for plans an operator starts (repair, cleanup) that
     * were never started: interrupted with every step still pending.
     */
    static List<String> stuckPlans(String svc) {
        List<String> stuck = new ArrayList<>();
        ServiceViews.ServiceRow row = cluster.serviceRows().stream().filter(s -> s.name().equals(svc)).findFirst().orElseThrow();
        for (Map.Entry<String, String> e : row.plans().entrySet()) {
            if (e.getValue().equals("COMPLETE")) {
                continue;
            }
            ServiceViews.PlanView p = plan(svc, e.getKey());
            boolean neverStarted = p.interrupted() && p.phases().stream().flatMap(ph -> ph.steps().stream())
                    .allMatch(s -> s.status().equals("PENDING"));
            if (!neverStarted) {
                stuck.add(e.getKey());
            }
        }
        return stuck;
    }

    // ------------------------------------------------------------------ the ledger

    /**
     * What differs between the master's ledger for the service's role (resource id on an agent → what it
     * reserves) and the reservations the service's running pod instances hold (the reserved resources of
     * each instance's tasks and volumes, on the instance's agent): empty when they are the same.
     */
    static List<String> ledgerMismatch(String svc) {
        String role = "berth/" + svc;
        Map<String, String> ledger = new TreeMap<>();
        for (ClusterViews.ReservationRow r : cluster.reservationRows()) {
            if (r.role().equals(role)) {
                ledger.put(r.resourceId() + "@" + r.agentId(), r.resources());
            }
        }
        Map<String, String> held = new TreeMap<>();
        for (ServiceViews.PodRow p : pods(svc)) {
            ServiceViews.PodInfo info = cluster.api.get("/v1/services/" + svc + "/pods/" + p.instance() + "/info",
                    ServiceViews.PodInfo.class);
            assertThat(serverTask(p).state()).as(p.instance() + " running").isEqualTo("RUNNING");
            Map<String, List<Resource>> byId = new TreeMap<>();
            List<Resource> reserved = new ArrayList<>();
            info.instance().taskResources().values().forEach(rs -> reserved.addAll(rs.reserved().list()));
            // a volume's disk is reserved under a resource id of its own
            info.instance().volumes().forEach(vol -> reserved.add(vol.disk()));
            for (Resource r : reserved) {
                String id = r.reservation().orElseThrow().labels().resourceId().orElse("");
                byId.computeIfAbsent(id + "@" + info.instance().agentId(), k -> new ArrayList<>()).add(r.unreserved());
            }
            byId.forEach((k, list) -> held.put(k, Resources.of(list).toString()));
        }
        List<String> mismatch = new ArrayList<>();
        ledger.forEach((k, res) -> {
            if (!held.containsKey(k)) {
                mismatch.add("reserved but held by no running instance: " + k + " " + res);
            } else if (!held.get(k).equals(res)) {
                mismatch.add("reserved " + k + " " + res + " but the instance holds " + held.get(k));
            }
        });
        held.forEach((k, res) -> {
            if (!ledger.containsKey(k)) {
                mismatch.add("held by a running instance but not in the ledger: " + k + " " + res);
            }
        });
        if (mismatch.isEmpty()) {
            FIGURES.add(String.format("%s: the ledger holds %d reservations of %s, the same as the %d running instances hold",
                    svc, ledger.size(), role, INSTANCES));
        } else {
            System.out.printf("chaos: %s ledger %s%nchaos: %s instances hold %s%n", svc, ledger, svc, held);
        }
        return mismatch;
    }

    // ------------------------------------------------------------------ helpers

    static String agentName(int index) {
        return "chaos-agent-" + index;
    }

    static ClusterViews.AgentRow agentRow(String hostname) {
        return cluster.agentRows().stream().filter(a -> a.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    /** The instances whose home is the agent, e.g. {@code kafka broker-0, cassandra node-0}. */
    static String instancesOn(String hostname) {
        List<String> out = new ArrayList<>();
        for (String svc : SERVICES) {
            pods(svc).stream().filter(p -> p.hostname().equals(hostname)).forEach(p -> out.add(svc + " " + p.instance()));
        }
        return out.isEmpty() ? "no instance" : String.join(", ", out);
    }

    static ServiceViews.PlanView plan(String svc, String name) {
        return cluster.api.get("/v1/services/" + svc + "/plans/" + name, ServiceViews.PlanView.class);
    }

    static List<ServiceViews.PodRow> pods(String svc) {
        return cluster.api.get("/v1/services/" + svc + "/pods", new TypeReference<>() {
        });
    }

    static ServiceViews.PodRow pod(String svc, String instance) {
        return pods(svc).stream().filter(p -> p.instance().equals(instance)).findFirst().orElseThrow();
    }

    /** The instance's long-running task: {@code INSTANCE-server} in both packages. */
    static ServiceViews.TaskRow serverTask(ServiceViews.PodRow pod) {
        return pod.tasks().stream().filter(t -> t.name().equals(pod.instance() + "-server")).findFirst().orElseThrow();
    }

    static String endpoint(String svc, String name) {
        return cluster.api.get("/v1/services/" + svc + "/endpoints/" + name, ServiceViews.EndpointView.class).joined();
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("request.timeout.ms", "10000");
        p.put("default.api.timeout.ms", "20000");
        return Admin.create(p);
    }

    static ItCluster.CommandResult ok(String... args) throws Exception {
        ItCluster.CommandResult r = cluster.cli(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.output()).isZero();
        return r;
    }

    /** kill -SIGNAL PID; a negative pid names a process group. */
    static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, "--", Long.toString(pid)).inheritIO().start();
        assertThat(p.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    static void await(ItCluster.Condition condition, Duration atMost, String what) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(condition::holds);
    }

    static void figure(String what, long beginNanos) {
        FIGURES.add(String.format("%s in %.1f s", what, (System.nanoTime() - beginNanos) / 1e9));
        System.out.println("chaos: " + FIGURES.get(FIGURES.size() - 1));
    }
}
