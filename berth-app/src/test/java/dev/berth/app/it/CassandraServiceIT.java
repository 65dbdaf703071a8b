package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.api.ClusterViews;
import dev.berth.core.api.ServiceViews;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Cassandra ring run by Berth: the cassandra package installed through the CLI on three agent
 * processes (127.0.0.2-4), one node joining after the other; its native-client endpoint handed to a
 * CQL driver that writes numbered rows at QUORUM into a keyspace replicated three times and reads them
 * all back at QUORUM; the package's repair and cleanup plans run on every node; a refused change of
 * the data center; a rolling update that restarts every node (each draining on SIGTERM, the next
 * stopped only once the ring sees the last one back) while a QUORUM writer keeps writing; uninstall
 * releasing every reservation of the service's role.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CassandraServiceIT {
    static final String DATACENTER = "dc1";
    /** Three serial joins of real nodes on two shared cores: well beyond ItCluster's 90 s. */
    static final Duration DEPLOY_WAIT = Duration.ofMinutes(4);
    static ItCluster cluster;
    static CqlSession session;

    @BeforeAll
    static void start() throws Exception {
        // each node reserves 0.5 cpus and 1536 MiB for its server plus 2 x (0.08 cpus, 256 MiB) for nodetool
        cluster = new ItCluster("it-cassandra", 1, 3, "cpus:1;mem:3072;disk:8192;ports:[31000-31010]", List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/cassandra/plans/" + name, ServiceViews.PlanView.class);
    }

    static void await(BooleanSupplier condition, Duration atMost, String what) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(condition::getAsBoolean);
    }

    /** Waits for a plan to complete; when it does not, the failure shows where each step stands and why. */
    static void awaitComplete(String planName, Duration atMost) throws Exception {
        try {
            await(() -> plan(planName).status().equals("COMPLETE"), atMost, "the cassandra " + planName + " plan COMPLETE");
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.cli("plan", "show", "cassandra", planName).output(), e);
        }
    }

    static Map<Integer, Long> readAll() {
        Map<Integer, Long> read = new HashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT id, square FROM numbers.n")
                .setConsistencyLevel(ConsistencyLevel.QUORUM))) {
            read.put(row.getInt("id"), row.getLong("square"));
        }
        return read;
    }

    @Test
    @Order(1)
    void threeNodesFormARingThatServesQuorumReadsAndWritesThroughTheirEndpoint() throws Exception {
        long begin = System.nanoTime();
        // fast_join: a fresh ring holds no data, so the 30 s ring delay buys nothing here
        ItCluster.CommandResult r = cluster.cli("install", "cassandra", "--set", "cassandra.fast_join=true",
                "--set", "cassandra.datacenter=" + DATACENTER);
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitComplete("deploy", DEPLOY_WAIT);
        System.out.printf("cassandra: 3 nodes deployed in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        List<ClusterViews.TaskRow> tasks = cluster.api.get("/v1/tasks", new TypeReference<>() {
        });
        tasks.stream().filter(t -> t.name().endsWith("-server") && t.state().equals("RUNNING"))
                .forEach(t -> System.out.printf("cassandra: %s memory %d MiB%n", t.name(), t.memoryBytes() >> 20));

        String contactPoints = cluster.cli("endpoints", "cassandra", "native-client").output().trim();
        assertThat(contactPoints).matches("127\\.0\\.0\\.\\d:310\\d\\d(,127\\.0\\.0\\.\\d:310\\d\\d){2}");
        List<InetSocketAddress> points = new ArrayList<>();
        for (String hostPort : contactPoints.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            points.add(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        }
        // two shared cores: schema changes and the first requests can be slow
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
        session = CqlSession.builder().addContactPoints(points).withLocalDatacenter(DATACENTER).withConfigLoader(config)
                .build();
        assertThat(session.getMetadata().getNodes()).hasSize(3);
        session.execute("CREATE KEYSPACE numbers WITH replication = {'class': 'NetworkTopologyStrategy', '"
                + DATACENTER + "': 3}");
        session.execute("CREATE TABLE numbers.n (id int PRIMARY KEY, square bigint)");
        PreparedStatement insert = session.prepare("INSERT INTO numbers.n (id, square) VALUES (?, ?)");
        for (int i = 0; i < 100; i++) {
            session.execute(insert.bind(i, (long) i * i).setConsistencyLevel(ConsistencyLevel.QUORUM));
        }
        Map<Integer, Long> read = readAll();
        assertThat(read).hasSize(100);
        read.forEach((id, square) -> assertThat(square).isEqualTo((long) id * id));
    }

    @Test
    @Order(2)
    void theRepairAndCleanupPlansRunNodetoolOnEachNodeInTurn() throws Exception {
        for (String name : List.of("repair", "cleanup")) {
            assertThat(plan(name).interrupted()).as("declared plans wait for an operator").isTrue();
            long begin = System.nanoTime();
            ItCluster.CommandResult r = cluster.cli("plan", "start", "cassandra", name);
            assertThat(r.exitCode()).as(r.output()).isZero();
            awaitComplete(name, Duration.ofMinutes(2));
            System.out.printf("cassandra: %s plan on 3 nodes in %.1f s%n", name, (System.nanoTime() - begin) / 1e9);
            // a step completes when its nodetool is done, so a complete plan has no nodetool running
            List<ServiceViews.PodRow> pods = cluster.api.get("/v1/services/cassandra/pods", new TypeReference<>() {
            });
            assertThat(pods).flatExtracting(ServiceViews.PodRow::tasks).filteredOn(t -> t.name().endsWith("-" + name))
                    .extracting(ServiceViews.TaskRow::state).containsExactly("FINISHED", "FINISHED", "FINISHED");
        }
    }

    @Test
    @Order(3)
    void aRollingUpdateKeepsQuorumWritesGoing() throws Exception {
        PreparedStatement insert = session.prepare("INSERT INTO numbers.n (id, square) VALUES (?, ?)");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        // what the ring was built with cannot change, and a refused update changes nothing
        ItCluster.CommandResult refused = cluster.cli("update", "cassandra", "--set", "cassandra.datacenter=dc2");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("cassandra.datacenter", "cannot change after install");
        assertThat(plan("deploy").status()).isEqualTo("COMPLETE");
        Thread writer = new Thread(() -> {
            for (int i = 100; !done.get() && i < 100_000; i++) {
                try {
                    session.execute(insert.bind(i, (long) i * i).setConsistencyLevel(ConsistencyLevel.QUORUM)
                            .setIdempotent(true));
                    acknowledged.add(i);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(i + ": " + e);
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "quorum-writer");
        writer.start();
        long begin = System.nanoTime();
        try {
            ItCluster.CommandResult r = cluster.cli("update", "cassandra", "--set",
                    "cassandra.yaml_extra={concurrent_reads: 16, concurrent_writes: 16}");
            assertThat(r.exitCode()).as(r.output()).isZero();
            awaitComplete("update", DEPLOY_WAIT);
        } finally {
            done.set(true);
            writer.join(30_000);
        }
        System.out.printf("cassandra: rolling update of 3 nodes in %.1f s, %d QUORUM writes meanwhile, %d failed%n",
                (System.nanoTime() - begin) / 1e9, acknowledged.size(), failures.size());
        assertThat(failures).as("QUORUM writes failed during the roll").isEmpty();
        Map<Integer, Long> read = readAll();
        assertThat(read.keySet()).containsAll(acknowledged).hasSize(100 + acknowledged.size());
    }

    @Test
    @Order(4)
    void uninstallReleasesEverythingOfTheRole() throws Exception {
        session.close();
        session = null;
        ItCluster.CommandResult r = cluster.cli("uninstall", "cassandra");
        assertThat(r.exitCode()).as(r.output()).isZero();
        await(() -> {
            List<ClusterViews.ReservationRow> reservations = cluster.api.get("/v1/reservations", new TypeReference<>() {
            });
            return reservations.stream().noneMatch(x -> x.role().equals("berth/cassandra"));
        }, Duration.ofMinutes(1), "no reservation of berth/cassandra left");
    }
}
