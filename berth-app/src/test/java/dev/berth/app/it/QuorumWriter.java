package dev.berth.app.it;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * Writes numbered rows ({@code id}, {@code id²}) at QUORUM, one every 50 ms, from its own thread until
 * closed: what was acknowledged must read back, whatever Berth did to the ring meanwhile. Failures are
 * kept with the phase they happened in.
 */
final class QuorumWriter implements AutoCloseable {
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean done;
    private volatile String phase = "";

    /**
     * A session to the contact points ({@code host:port,...}) logged in as {@code user}, with timeouts for
     * two shared cores: schema changes and the first requests can be slow.
     */
    static CqlSession session(String contactPoints, String datacenter, String user, String password) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String hostPort : contactPoints.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            points.add(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        }
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder().addContactPoints(points).withLocalDatacenter(datacenter).withConfigLoader(config)
                .withAuthCredentials(user, password).build();
    }

    /** The keyspace {@code numbers}, three replicas in the data center, and its table {@code n (id, square)}. */
    static void createTable(CqlSession session, String datacenter) {
        session.execute("CREATE KEYSPACE numbers WITH replication = {'class': 'NetworkTopologyStrategy', '"
                + datacenter + "': 3}");
        session.execute("CREATE TABLE numbers.n (id int PRIMARY KEY, square bigint)");
    }

    /** Every row of the table, read at QUORUM: id → square. */
    static Map<Integer, Long> readAll(CqlSession session) {
        Map<Integer, Long> read = new HashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT id, square FROM numbers.n")
                .setConsistencyLevel(ConsistencyLevel.QUORUM).setTimeout(Duration.ofSeconds(60)))) {
            read.put(row.getInt("id"), row.getLong("square"));
        }
        return read;
    }

    QuorumWriter(CqlSession session, int first, String firstPhase) {
        this.phase = firstPhase;
        PreparedStatement insert = session.prepare("INSERT INTO numbers.n (id, square) VALUES (?, ?)");
        thread = new Thread(() -> {
            for (int i = first; !done && i < 1_000_000; i++) {
                try {
                    session.execute(insert.bind(i, (long) i * i).setConsistencyLevel(ConsistencyLevel.QUORUM)
                            .setIdempotent(true));
                    acknowledged.add(i);
                } catch (RuntimeException e) {
                    failures.add(this.phase + ": " + i + ": " + e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "quorum-writer");
        thread.start();
    }

    void phase(String name) {
        phase = name;
    }

    Set<Integer> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Failures of the phase now running. */
    List<String> failures() {
        return failures.stream().filter(f -> f.startsWith(phase + ": ")).toList();
    }

    List<String> allFailures() {
        return List.copyOf(failures);
    }

    /** How many rows were acknowledged so far. */
    int count() {
        return acknowledged.size();
    }

    /** Waits until at least {@code count} rows were acknowledged: the writer keeps making progress. */
    void awaitAcknowledged(int count, Duration atMost) {
        Awaitility.await("QUORUM writer acknowledged " + count + " rows").atMost(atMost).until(() -> acknowledged.size() >= count);
    }

    @Override
    public void close() throws InterruptedException {
        done = true;
        thread.join(30_000);
    }
}
