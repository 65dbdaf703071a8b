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
    }

    @BeforeEach
    void serve() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        mbeans = MBeanServerFactory.newMBeanServer();
        mbeans.registerMBean(new RingService(), NAME);
        registry = LocateRegistry.createRegistry(port);
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(0, null, null, new HashMap<>());
        connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"), new HashMap<>(), server, mbeans);
        connector.start();
        registry.bind("jmxrmi", server.toStub());
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
        RingView view = JmxRing.read(new RingNode("node-0", 0, "127.0.0.1", port), Duration.ofSeconds(5));
        assertThat(view).isEqualTo(new RingView("NORMAL", Set.of("127.0.0.1", "127.0.0.3"),
                Set.of("127.0.0.4"), Set.of("127.0.0.3"), Set.of(), Set.of()));
    }

    @Test
    void aNodeNotListeningIsNamedInTheError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> JmxRing.read(new RingNode("node-1", 1, "127.0.0.1", closed), Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("node-1 (127.0.0.1) JMX at 127.0.0.1:" + closed + " does not accept connections");
    }

    static ObjectName name() {
        try {
            return new ObjectName("org.apache.cassandra.db:type=StorageService");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
