package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ServiceViews;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
    static final List<String> SERVICES = ClusterChecks.SERVICES;
    static final List<String> FIGURES = new ArrayList<>();
    static final long BEGIN = System.nanoTime();

    static List<Fault> schedule;
    static ZkEnsemble zk;
    static ItCluster cluster;
    static ClusterChecks checks;
    static WritingClients clients;

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
        checks = new ClusterChecks(cluster, AGENTS, INSTANCES, SETTLE);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (clients != null) {
                clients.close();
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
        checks.ok("install", "kafka", "--set", "kafka.server_properties=auto.create.topics.enable=false");
        // fast_join: a fresh ring holds no data, so the 30 s ring delay buys nothing here
        checks.ok("install", "cassandra", "--set", "cassandra.fast_join=true", "--set", "cassandra.datacenter=" + DATACENTER);
        for (String svc : SERVICES) {
            checks.awaitPlanComplete(svc, "deploy");
        }
        figure("deploy of 3 brokers and 3 nodes", begin);

        clients = WritingClients.start(checks, DATACENTER, "before the faults");
        settle("the start", Instant.now());
    }

    @Test
    @Order(2)
    void theScheduleOfFaults() throws Exception {
        for (int i = 0; i < schedule.size(); i++) {
            Fault f = schedule.get(i);
            String name = (i + 1) + ". " + f.kind();
            clients.writer.phase(name);
            long acked = clients.producer.acknowledged();
            int rows = clients.writer.count();
            long begin = System.nanoTime();
            System.out.printf("chaos: fault %d of %d: %s%n", i + 1, schedule.size(), f);
            String detail = inflict(f);
            double faultSeconds = (System.nanoTime() - begin) / 1e9;
            settle("fault " + name, Instant.now());
            FIGURES.add(String.format("fault %s (%s): %s; fault %.1f s, settled after %.1f s; meanwhile %d records and"
                            + " %d rows acknowledged", name, f, detail, faultSeconds, (System.nanoTime() - begin) / 1e9 - faultSeconds,
                    clients.producer.acknowledged() - acked, clients.writer.count() - rows));
            System.out.println("chaos: " + FIGURES.get(FIGURES.size() - 1));
        }
    }

    @Test
    @Order(3)
    void everyAcknowledgedWriteIsThereNoPlanIsStuckAndTheLedgerHoldsTheInstancesReservations() throws Exception {
        clients.verify(FIGURES, "chaos");
        for (String svc : SERVICES) {
            assertThat(checks.stuckPlans(svc)).as(svc + "'s plans that are not complete").isEmpty();
            assertThat(checks.ledgerMismatch(svc, FIGURES)).as(svc + ": the ledger against the running instances' reservations").isEmpty();
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
        await(() -> ClusterChecks.healthy(leaderUrl), SETTLE, leader.name + " up again (as a standby)");
        return String.format("%s killed, %s led after %.1f s", leader.name, cluster.leader().name, takeover);
    }

    static String killAgent(int index, Duration down) throws Exception {
        String name = agentName(index);
        BerthProcess agent = cluster.agents.get(name);
        agent.sigkill();
        Thread.sleep(down.toMillis()); // the schedule's down time
        String seen = checks.agentRow(name).status();
        agent.startAgain();
        return name + " (" + checks.instancesOn(name) + ") down " + down.toMillis() + " ms, the master saw it " + seen;
    }

    static String freezeAgent(int index, Duration extra) throws Exception {
        String name = agentName(index);
        BerthProcess agent = cluster.agents.get(name);
        ClusterChecks.signal("STOP", agent.pid());
        long begin = System.nanoTime();
        try {
            await(() -> checks.agentRow(name).status().equals("UNREACHABLE"), Duration.ofSeconds(60), name + " UNREACHABLE while frozen");
            Thread.sleep(extra.toMillis()); // the schedule's time beyond the agent timeout
        } finally {
            ClusterChecks.signal("CONT", agent.pid());
        }
        return String.format("%s (%s) frozen %.1f s", name, checks.instancesOn(name), (System.nanoTime() - begin) / 1e9);
    }

    static String restartZooKeeper(int index, Duration down) throws Exception {
        String wasLeader = zk.leader().map(l -> l == index ? "the ensemble's leader" : "a follower").orElse("?");
        zk.kill(index);
        Thread.sleep(down.toMillis()); // the schedule's down time
        zk.startAgain(index);
        return "server " + (index + 1) + " (" + wasLeader + ")";
    }

    static String killNode(String svc, String instance) throws Exception {
        ServiceViews.PodRow pod = checks.pod(svc, instance);
        ServiceViews.TaskRow server = ClusterChecks.serverTask(pod);
        long group = cluster.taskProcessGroup(pod.hostname(), server.taskId());
        ClusterChecks.signal("KILL", -group);
        // the end of the process must be seen before the cluster can be said to have settled again
        await(() -> !ClusterChecks.serverTask(checks.pod(svc, instance)).taskId().equals(server.taskId())
                || !ClusterChecks.serverTask(checks.pod(svc, instance)).state().equals("RUNNING"), SETTLE, svc + " " + instance + "'s end seen");
        return svc + " " + instance + " on " + pod.hostname() + " (process group " + group + ")";
    }

    // ------------------------------------------------------------------ helpers

    static void settle(String after, Instant since) {
        checks.settle(after, since, zk, clients);
    }

    static String agentName(int index) {
        return "chaos-agent-" + index;
    }

    static void await(ItCluster.Condition condition, Duration atMost, String what) {
        ClusterChecks.await(condition, atMost, what);
    }

    static void figure(String what, long beginNanos) {
        FIGURES.add(String.format("%s in %.1f s", what, (System.nanoTime() - beginNanos) / 1e9));
        System.out.println("chaos: " + FIGURES.get(FIGURES.size() - 1));
    }
}
