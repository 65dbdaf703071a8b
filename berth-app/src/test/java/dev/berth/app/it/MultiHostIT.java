package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Berth across hosts: eleven test hosts (network namespaces on a private bridge, {@link NetHosts}), a
 * three-server ZooKeeper ensemble on hosts 0-2, three masters on hosts 3-5 and five agents on hosts 6-10 in
 * three zones, every node started from the distribution archive with a config file made from its examples.
 * Kafka (brokers spread by zone) and Cassandra (racks from zones) are installed, and clients in the test's own
 * namespace write to them through the hosts' addresses while the faults run: the leading master cut off from
 * ZooKeeper, the leading master killed, an agent host cut off past the agent timeout, a ZooKeeper follower
 * and then the ensemble's leader killed. At the end every acknowledged record and row is there. Each master
 * fault's failover time is printed as a table (see bench/failover.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostIT {
    static final int ZK_HOSTS = 3;
    static final int MASTERS = 3;
    static final int AGENTS = 5;
    static final int ZONES = 3;
    static final int INSTANCES = 3;
    static final int FIRST_MASTER_HOST = ZK_HOSTS;
    static final int FIRST_AGENT_HOST = ZK_HOSTS + MASTERS;
    /** The masters' ZooKeeper session timeout (ItCluster's): a standby leads this long after the leader is gone. */
    static final Duration ZK_SESSION = Duration.ofSeconds(4);
    static final Duration AGENT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SETTLE = Duration.ofMinutes(4);
    static final String DATACENTER = "dc1";
    static final List<String> FIGURES = new ArrayList<>();
    static final List<String> FAILOVERS = new ArrayList<>();
    static final long BEGIN = System.nanoTime();

    static NetHosts hosts;
    static Distribution dist;
    static MavenMirror mirror;
    static ZkEnsemble zk;
    static ItCluster cluster;
    static ClusterChecks checks;
    static WritingClients clients;

    @BeforeAll
    static void start() throws Exception {
        hosts = new NetHosts("mh", 77, ZK_HOSTS + MASTERS + AGENTS);
        dist = Distribution.unpack();
        mirror = new MavenMirror(hosts.ownAddress());
        zk = new ZkEnsemble("mh", IntStream.range(0, ZK_HOSTS).mapToObj(hosts::address).toList(), hosts::inHost, true);
        int[] masterHosts = IntStream.range(FIRST_MASTER_HOST, FIRST_MASTER_HOST + MASTERS).toArray();
        int[] agentHosts = IntStream.range(FIRST_AGENT_HOST, FIRST_AGENT_HOST + AGENTS).toArray();
        cluster = new ItCluster("mh", MASTERS, AGENTS, "cpus:2;mem:4096;disk:8192;ports:[31000-31019]",
                List.of("--agent-timeout", Long.toString(AGENT_TIMEOUT.toSeconds()),
                        "--zk-session-timeout", Long.toString(ZK_SESSION.toSeconds())),
                zk, new HostPlacement(hosts, dist, masterHosts, agentHosts, ZONES, mirror.url()));
        checks = new ClusterChecks(cluster, AGENTS, INSTANCES, SETTLE);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (clients != null) {
                clients.close();
            }
        } finally {
            try {
                if (cluster != null) {
                    cluster.close(); // closes the ensemble too
                } else if (zk != null) {
                    zk.close();
                }
            } finally {
                if (hosts != null) {
                    hosts.close();
                }
                if (mirror != null) {
                    mirror.close();
                }
                if (dist != null) {
                    dist.close();
                }
            }
            System.out.printf("multihost: failover after a master fault (ZooKeeper session timeout %d s, agent timeout %d s)%n",
                    ZK_SESSION.toSeconds(), AGENT_TIMEOUT.toSeconds());
            System.out.println("multihost: | fault | new leader elected after the fault | serving, every agent re-registered, after the election |");
            System.out.println("multihost: |---|---|---|");
            FAILOVERS.forEach(f -> System.out.println("multihost: " + f));
            FIGURES.forEach(f -> System.out.println("multihost: " + f));
            System.out.printf("multihost: whole run %.0f s%n", (System.nanoTime() - BEGIN) / 1e9);
        }
    }

    @Test
    @Order(1)
    void bothServicesDeployAcrossZonesAndTheirEndpointsAreTheHostsAddresses() throws Exception {
        long begin = System.nanoTime();
        checks.ok("install", "kafka", "--set", "brokers.spread_by_zone=true",
                "--set", "kafka.server_properties=auto.create.topics.enable=false");
        checks.ok("install", "cassandra", "--set", "cassandra.fast_join=true", "--set", "cassandra.datacenter=" + DATACENTER,
                "--set", "nodes.spread_by=zone");
        for (String svc : ClusterChecks.SERVICES) {
            checks.awaitPlanComplete(svc, "deploy");
        }
        FIGURES.add(String.format("deploy of 3 brokers and 3 nodes on 5 agent hosts in %.1f s", (System.nanoTime() - begin) / 1e9));

        Set<String> agentAddresses = IntStream.range(FIRST_AGENT_HOST, FIRST_AGENT_HOST + AGENTS).mapToObj(hosts::address)
                .collect(Collectors.toSet());
        for (String svc : ClusterChecks.SERVICES) {
            // one instance in each zone
            Map<String, String> zoneOf = cluster.agentRows().stream().collect(Collectors.toMap(ClusterViews.AgentRow::hostname,
                    a -> a.attributes().get("zone")));
            assertThat(checks.pods(svc).stream().map(p -> zoneOf.get(p.hostname())).collect(Collectors.toSet()))
                    .as(svc + "'s instances' zones").hasSize(ZONES);
        }
        String brokers = checks.endpoint("kafka", "broker");
        String cql = checks.endpoint("cassandra", "native-client");
        for (String address : (brokers + "," + cql).split(",")) {
            assertThat(agentAddresses).as("the host of endpoint " + address).contains(address.substring(0, address.lastIndexOf(':')));
        }
        FIGURES.add("endpoints: broker " + brokers + "; native-client " + cql);

        clients = WritingClients.start(checks, DATACENTER, "before the faults");
        // Cassandra's racks are the agents' zones: the ring's replicas follow the zones
        assertThat(clients.session.getMetadata().getNodes().values().stream().map(n -> n.getRack()).collect(Collectors.toSet()))
                .as("the ring's racks").containsExactlyInAnyOrder("z0", "z1", "z2");
        settle("the start", Instant.now());
    }

    @Test
    @Order(2)
    void theLeaderCutOffFromZooKeeperStopsActingAndAnotherLeads() throws Exception {
        clients.writer.phase("leader cut off from ZooKeeper");
        ClusterViews.LeaderView before = leader();
        int host = hostOf(before.url());
        BerthProcess old = masterAt(before.url());
        Instant fault = Instant.now();
        hosts.cut(host, IntStream.range(0, ZK_HOSTS).boxed().toList());
        try {
            ClusterViews.LeaderView after = awaitNewLeader(before, "another master leading after " + old.name + " was cut off from ZooKeeper");
            Instant serving = awaitAgentsReRegistered(after, "with " + old.name + " cut off from ZooKeeper");
            // the cut-off master stood by (its ZooKeeper connection lost) before the other one was elected, so no
            // two masters acted at once: it neither wrote nor commanded agents once its session could have ended
            Instant stoodBy = lastLogLine(old, "standing by", fault);
            assertThat(stoodBy).as(old.name + " standing by before the new leader's election at " + after.elected())
                    .isBefore(after.elected());
            assertThat(ClusterChecks.healthy(before.url())).isTrue();
            assertThat(apiStatus(before.url())).as(old.name + "'s API, cut off from ZooKeeper").isEqualTo(503);
            failover("leader " + old.name + " cut off from the ZooKeeper hosts (it stood by "
                    + millis(fault, stoodBy) + " ms after the cut)", fault, after, serving);
        } finally {
            hosts.heal(host);
        }
        settle("the cut-off leader healed", Instant.now());
    }

    @Test
    @Order(3)
    void theLeaderKilledOutright() throws Exception {
        clients.writer.phase("leader killed");
        ClusterViews.LeaderView before = leader();
        BerthProcess old = masterAt(before.url());
        Instant fault = Instant.now();
        old.sigkill();
        ClusterViews.LeaderView after = awaitNewLeader(before, "another master leading after " + old.name + " was killed");
        Instant serving = awaitAgentsReRegistered(after, "after " + old.name + " was killed");
        failover("leader " + old.name + " killed (SIGKILL)", fault, after, serving);
        old.startAgain();
        settle("the killed leader started again", Instant.now());
    }

    @Test
    @Order(4)
    void anAgentHostCutOffPastTheAgentTimeoutComesBackToItsNodesStillRunning() throws Exception {
        clients.writer.phase("agent host cut off");
        // the agent of cassandra node-0: both clients lose a replica meanwhile
        ServiceViews.PodRow node = checks.pod("cassandra", "node-0");
        String agent = node.hostname();
        int host = FIRST_AGENT_HOST + List.copyOf(cluster.agents.keySet()).indexOf(agent);
        Map<String, Long> wrappers = TaskProcessCleanup.liveWrappers(cluster.workDirs.get(agent));
        String runningBefore = checks.instancesOn(agent);
        long acked = clients.producer.acknowledged();
        int rows = clients.writer.count();
        Instant fault = Instant.now();
        List<Integer> others = IntStream.range(0, hosts.count()).filter(k -> k != host).boxed().toList();
        hosts.cut(host, others);
        hosts.cutFromTest(host);
        try {
            checks.await(() -> checks.agentRow(agent).status().equals("UNREACHABLE"), agent + " UNREACHABLE while cut off");
            checks.await(() -> ClusterChecks.serverTask(checks.pod("cassandra", "node-0")).state().equals("UNREACHABLE"),
                    "cassandra node-0 UNREACHABLE");
            Thread.sleep(AGENT_TIMEOUT.toMillis()); // well past the timeout, short of the permanent-failure one
        } finally {
            hosts.heal(host);
        }
        double cutSeconds = millis(fault, Instant.now()) / 1000.0;
        settle("agent host " + agent + " healed", fault);
        assertThat(TaskProcessCleanup.liveWrappers(cluster.workDirs.get(agent))).as("the task processes on " + agent)
                .isEqualTo(wrappers);
        assertThat(ClusterChecks.serverTask(checks.pod("cassandra", "node-0")).taskId()).isEqualTo(ClusterChecks.serverTask(node).taskId());
        FIGURES.add(String.format("agent host %s (%s) cut off %.1f s (agent timeout %d s): its nodes adopted as the same"
                        + " processes, none killed or replaced; meanwhile %d records and %d rows acknowledged", agent,
                runningBefore, cutSeconds, AGENT_TIMEOUT.toSeconds(), clients.producer.acknowledged() - acked, clients.writer.count() - rows));
    }

    @Test
    @Order(5)
    void aZooKeeperFollowerThenTheEnsemblesLeaderKilled() throws Exception {
        for (boolean leaderOfEnsemble : List.of(false, true)) {
            clients.writer.phase(leaderOfEnsemble ? "ZooKeeper leader killed" : "ZooKeeper follower killed");
            int zkLeader = zk.leader().orElseThrow();
            int victim = leaderOfEnsemble ? zkLeader : (zkLeader + 1) % ZK_HOSTS;
            ClusterViews.LeaderView before = leader();
            long acked = clients.producer.acknowledged();
            Instant fault = Instant.now();
            zk.kill(victim);
            checks.await(() -> IntStream.range(0, ZK_HOSTS).filter(i -> i != victim)
                    .allMatch(i -> zk.mode(i).filter(m -> m.equals("leader") || m.equals("follower")).isPresent()),
                    "the other two ZooKeeper servers serving");
            double quorumBack = millis(fault, Instant.now()) / 1000.0;
            zk.startAgain(victim);
            settle("ZooKeeper server " + (victim + 1) + " restarted", fault);
            ClusterViews.LeaderView after = leader();
            String what = (leaderOfEnsemble ? "the ensemble's leader, " : "a follower, ") + "server " + (victim + 1);
            FIGURES.add(String.format("ZooKeeper %s killed: a quorum of two serving after %.1f s; Berth's leader %s"
                            + " (epoch %d → %d); %d records acknowledged meanwhile", what, quorumBack,
                    after.url().equals(before.url()) ? "stayed " + after.url() : "moved to " + after.url(),
                    before.epoch(), after.epoch(), clients.producer.acknowledged() - acked));
        }
    }

    @Test
    @Order(6)
    void everyAcknowledgedRecordAndRowIsThere() throws Exception {
        clients.verify(FIGURES, "multihost");
        for (String svc : ClusterChecks.SERVICES) {
            assertThat(checks.stuckPlans(svc)).as(svc + "'s plans that are not complete").isEmpty();
            assertThat(checks.ledgerMismatch(svc, FIGURES)).as(svc + ": the ledger against the running instances").isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    static void settle(String after, Instant since) {
        checks.settle(after, since, zk, clients);
    }

    static ClusterViews.LeaderView leader() {
        return cluster.api.get("/v1/leader", ClusterViews.LeaderView.class);
    }

    static ClusterViews.LeaderView awaitNewLeader(ClusterViews.LeaderView before, String what) {
        ClusterViews.LeaderView[] seen = new ClusterViews.LeaderView[1];
        checks.await(() -> {
            seen[0] = leader();
            return seen[0].epoch() > before.epoch();
        }, what);
        return seen[0];
    }

    /** Waits until every agent was heard from since the new leader began to serve; answers when that was seen. */
    static Instant awaitAgentsReRegistered(ClusterViews.LeaderView leader, String what) {
        checks.await(() -> cluster.agentRows().stream().filter(a -> a.status().equals("REACHABLE")
                && !a.lastSeen().isBefore(leader.serving())).count() == AGENTS, "every agent re-registered " + what);
        return cluster.agentRows().stream().map(ClusterViews.AgentRow::lastSeen).min(Instant::compareTo).orElseThrow();
    }

    static void failover(String fault, Instant at, ClusterViews.LeaderView after, Instant agentsBack) {
        Instant ready = agentsBack.isAfter(after.serving()) ? agentsBack : after.serving();
        String row = String.format("| %s | %.1f s | %.1f s (takeover %.1f s) |", fault, millis(at, after.elected()) / 1000.0,
                millis(after.elected(), ready) / 1000.0, millis(after.elected(), after.serving()) / 1000.0);
        FAILOVERS.add(row);
        System.out.println("multihost: " + row);
    }

    static int hostOf(String url) {
        String address = java.net.URI.create(url).getHost();
        return IntStream.range(0, hosts.count()).filter(k -> hosts.address(k).equals(address)).findFirst().orElseThrow();
    }

    static BerthProcess masterAt(String url) {
        return cluster.masters.get(cluster.masterUrls.indexOf(url));
    }

    static int apiStatus(String url) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url + "/v1/agents")).header("Authorization", "Bearer " + cluster.admin.token())
                .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    /** When the process last logged a line containing {@code text}, at or after {@code since}. */
    static Instant lastLogLine(BerthProcess p, String text, Instant since) throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        Instant last = null;
        for (String line : Files.readAllLines(BerthProcess.LOGS.resolve(p.name + ".log"))) {
            if (line.contains(text) && line.length() > 23) {
                Instant t = LocalDateTime.parse(line.substring(0, 23), f).atZone(ZoneId.systemDefault()).toInstant();
                if (!t.isBefore(since.minusMillis(1))) {
                    last = t;
                }
            }
        }
        assertThat(last).as(p.name + " logged '" + text + "' after " + since).isNotNull();
        return last;
    }

    static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
