package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JMX plumbing against a real RMI connector laid out as the JDK's agent lays it out for a node
 * (registry entry {@code jmxrmi}), serving a stand-in StorageService MBean: no Cassandra needed.
 */
class CassandraJmxRingTest {
    static final ObjectName NAME = name();
    MBeanServer mbeans;
    Registry registry;
    RMIConnectorServer connector;
    int port;

    /** A stand-in with StorageService's attribute names. */
    public interface RingServiceMBean {
        String getOperationMode();

        List<String> getLiveNodes();

        List<String> getUnreachableNodes();

        List<String> getJoiningNodes();

        List<String> getLeavingNodes();

        List<String> getMovingNodes();

        List<String> getKeyspaces();

        List<String> getNonLocalStrategyKeyspaces();

        // the operations with Cassandra 5.0's signatures, which the invocations must match exactly
        int upgradeSSTables(String keyspace, boolean excludeCurrentVersion, long maxSSTableTimestamp, int jobs,
                            String... tables);

        int forceKeyspaceCleanup(int jobs, String keyspace, String... tables);

        void decommission(boolean force) throws InterruptedException;
    }

    public static class RingService implements RingServiceMBean {
        @Override
        public String getOperationMode() {
            return "NORMAL";
        }

        @Override
        public List<String> getLiveNodes() {
            return List.of("127.0.0.1", "127.0.0.3");
        }

        @Override
        public List<String> getUnreachableNodes() {
            return List.of("127.0.0.4");
        }

        @Override
        public List<String> getJoiningNodes() {
            return List.of("127.0.0.3");
        }

        @Override
        public List<String> getLeavingNodes() {
            return List.of();
        }

        @Override
        public List<String> getMovingNodes() {
            return List.of();
        }

        @Override
        public List<String> getKeyspaces() {
            return List.of("system", "numbers");
        }

        @Override
        public List<String> getNonLocalStrategyKeyspaces() {
            return List.of("system_distributed", "numbers");
        }

        @Override
        public int upgradeSSTables(String keyspace, boolean excludeCurrentVersion, long maxSSTableTimestamp, int jobs,
                                   String... tables) {
            CALLS.add("upgradeSSTables " + keyspace + " " + excludeCurrentVersion + " " + maxSSTableTimestamp + " " + jobs
                    + " " + List.of(tables));
            return keyspace.equals(ABORT_ON) ? 1 : 0;
        }

        @Override
        public int forceKeyspaceCleanup(int jobs, String keyspace, String... tables) {
            CALLS.add("forceKeyspaceCleanup " + jobs + " " + keyspace + " " + List.of(tables));
            return 0;
        }

        @Override
        public void decommission(boolean force) {
            CALLS.add("decommission " + force);
            if (REFUSE) {
                throw new UnsupportedOperationException("Not enough live nodes to maintain replication factor in keyspace "
                        + "numbers (RF = 3, N = 3). Perform a forceful decommission to ignore.");
            }
        }
    }

    static final List<String> CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();
    static volatile String ABORT_ON = "";
    static volatile boolean REFUSE;

    @BeforeEach
    void serve() throws Exception {
        serve(new HashMap<>());
    }

    /** Serves the stand-in as a node's JMX agent would, with the connector server settings {@code env}. */
    void serve(Map<String, Object> env) throws Exception {
        CALLS.clear();
        ABORT_ON = "";
        REFUSE = false;
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        mbeans = MBeanServerFactory.newMBeanServer();
        mbeans.registerMBean(new RingService(), NAME);
        registry = LocateRegistry.createRegistry(port);
        registry.bind("jmxrmi", startConnector(env));
    }

    /** A new connector server for the MBeans, with {@code env}: the stub the registry hands out. */
    java.rmi.Remote startConnector(Map<String, Object> env) throws Exception {
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(0, null, null, env);
        connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"), env, server, mbeans);
        connector.start();
        return server.toStub();
    }

    /**
     * The node's JMX agent stops and a new one takes its place, found at the same registry port: as a node
     * restarted where it was looks to a client. The registry stays (rebinding its port at once could race the
     * old socket's close).
     */
    void restartConnector(Map<String, Object> env) throws Exception {
        connector.stop();
        registry.rebind("jmxrmi", startConnector(env));
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.stop();
        }
        if (registry != null) {
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    @Test
    void readsTheRingAsTheNodeSeesIt() throws Exception {
        RingView view = readOnce(new RingNode("node-0", 0, "127.0.0.1", port), Duration.ofSeconds(5));
        assertThat(view).isEqualTo(new RingView("NORMAL", Set.of("127.0.0.1", "127.0.0.3"),
                Set.of("127.0.0.4"), Set.of("127.0.0.3"), Set.of(), Set.of()));
    }

    @Test
    void aNodeWithLoginsOnIsReadWithTheServicesLoginAndRefusesAnother() throws Exception {
        stop();
        Map<String, Object> env = new HashMap<>();
        // as the JDK agent with a password file: one role, one password
        env.put(javax.management.remote.JMXConnectorServer.AUTHENTICATOR, (javax.management.remote.JMXAuthenticator) credentials -> {
            if (credentials instanceof String[] c && c.length == 2 && c[0].equals("admin") && c[1].equals("s3cret")) {
                return new javax.security.auth.Subject();
            }
            throw new SecurityException("Authentication failed! Invalid username or password");
        });
        serve(env);

        RingNode withLogin = new RingNode("node-0", 0, "127.0.0.1", port, Optional.empty(),
                Optional.of(new Login("admin", "s3cret")));
        assertThat(readOnce(withLogin, Duration.ofSeconds(5)).mode()).isEqualTo("NORMAL");
        assertThatThrownBy(() -> readOnce(new RingNode("node-0", 0, "127.0.0.1", port), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("SecurityException");
        RingNode wrong = new RingNode("node-0", 0, "127.0.0.1", port, Optional.empty(), Optional.of(new Login("admin", "guess")));
        assertThatThrownBy(() -> readOnce(wrong, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("Invalid username or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("guess"));
    }

    /** One read over a connection of its own, as a first question to a node makes it. */
    static RingView readOnce(RingNode node, Duration timeout) throws IOException {
        try (JmxSessions sessions = new JmxSessions()) {
            return sessions.read(node, timeout);
        }
    }

    /** Serves with a login that counts how often a client logs in: once per new connection. */
    java.util.concurrent.atomic.AtomicInteger countingLogins() throws Exception {
        stop();
        java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> env = new HashMap<>();
        env.put(javax.management.remote.JMXConnectorServer.AUTHENTICATOR, (javax.management.remote.JMXAuthenticator) c -> {
            logins.incrementAndGet();
            return new javax.security.auth.Subject();
        });
        serve(env);
        return logins;
    }

    @Test
    void keptSessionsReadTheRingOverOneConnectionAndConnectAgainToARestartedNode() throws Exception {
        java.util.concurrent.atomic.AtomicInteger logins = countingLogins();
        RingNode node = new RingNode("node-0", 0, "127.0.0.1", port, Optional.empty(), Optional.of(new Login("admin", "pw")));
        try (JmxSessions sessions = new JmxSessions()) {
            for (int i = 0; i < 3; i++) {
                assertThat(sessions.read(node, Duration.ofSeconds(5)).mode()).isEqualTo("NORMAL");
            }
            assertThat(logins).hasValue(1);
            assertThat(sessions.size()).isEqualTo(1);

            // the node restarts on the same port: its kept connection is dead, the next read connects again
            restartConnector(Map.of(javax.management.remote.JMXConnectorServer.AUTHENTICATOR,
                    (javax.management.remote.JMXAuthenticator) c -> {
                        logins.incrementAndGet();
                        return new javax.security.auth.Subject();
                    }));
            assertThat(sessions.read(node, Duration.ofSeconds(5)).mode()).isEqualTo("NORMAL");
            assertThat(logins).hasValue(2);
            assertThat(sessions.size()).isEqualTo(1);
        }
    }

    @Test
    void aKeptSessionToANodeThatStoppedFailsNamingTheNodeAndIsForgotten() throws Exception {
        RingNode node = new RingNode("node-0", 0, "127.0.0.1", port);
        JmxSessions sessions = new JmxSessions();
        assertThat(sessions.read(node, Duration.ofSeconds(5)).mode()).isEqualTo("NORMAL");
        stop();
        connector = null;
        registry = null;
        assertThatThrownBy(() -> sessions.read(node, Duration.ofSeconds(2))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("node-0 (127.0.0.1) JMX at 127.0.0.1:" + port + " does not accept connections");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aNodeNotListeningIsNamedInTheError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> readOnce(new RingNode("node-1", 1, "127.0.0.1", closed), Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("node-1 (127.0.0.1) JMX at 127.0.0.1:" + closed + " does not accept connections");
    }

    @Test
    void upgradesstablesRewritesEveryKeyspaceSkippingCurrentSstablesWithNodetoolsDefaults() throws Exception {
        List<String> progress = new java.util.ArrayList<>();
        NodeOperations.upgradeSSTables(new RingNode("node-0", 0, "127.0.0.1", port), progress::add);
        assertThat(CALLS).containsExactly("upgradeSSTables system true " + Long.MAX_VALUE + " 2 []",
                "upgradeSSTables numbers true " + Long.MAX_VALUE + " 2 []");
        assertThat(progress).containsExactly("node-0 (127.0.0.1): upgradesstables of keyspace system (1 of 2)",
                "node-0 (127.0.0.1): upgradesstables of keyspace numbers (2 of 2)");
    }

    @Test
    void anOperationTheNodeAbortsFails() {
        ABORT_ON = "numbers";
        assertThatThrownBy(() -> NodeOperations.upgradeSSTables(new RingNode("node-0", 0, "127.0.0.1", port), p -> {
        })).isInstanceOf(IOException.class).hasMessage("upgradesstables of keyspace numbers ended ABORTED "
                + "(compactions running on its tables could not be stopped for it)");
    }

    @Test
    void cleanupRunsOnTheKeyspacesTheRingReplicates() throws Exception {
        NodeOperations.cleanup(new RingNode("node-1", 1, "127.0.0.1", port), p -> {
        });
        assertThat(CALLS).containsExactly("forceKeyspaceCleanup 2 system_distributed []", "forceKeyspaceCleanup 2 numbers []");
    }

    @Test
    void decommissionIsAskedUnforcedAndCassandrasRefusalComesBackReadable() throws Exception {
        RingNode node = new RingNode("node-3", 3, "127.0.0.1", port);
        NodeOperations.decommission(node);
        assertThat(CALLS).containsExactly("decommission false");
        REFUSE = true;
        assertThatThrownBy(() -> NodeOperations.decommission(node)).satisfies(e -> assertThat(JmxFailures.reason(e))
                .isEqualTo("UnsupportedOperationException: Not enough live nodes to maintain replication factor in "
                        + "keyspace numbers (RF = 3, N = 3). Perform a forceful decommission to ignore."));
    }

    static ObjectName name() {
        try {
            return new ObjectName("org.apache.cassandra.db:type=StorageService");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
