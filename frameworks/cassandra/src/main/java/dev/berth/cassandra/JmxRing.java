package dev.berth.cassandra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.NotBoundException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;

/**
 * Reads a node's {@link RingView} from its StorageService MBean over JMX (RMI, as nodetool does),
 * within a time limit (for {@link JmxSessions}, which keeps the connections), and opens the connections
 * {@link NodeOperations} runs its long operations on: the only places the package talks to Cassandra.
 *
 * <p>Why the limit is enforced here: an RMI connect has no timeout of its own and a hung node would
 * hold the hook's thread. A plain TCP connect first fails fast on a node that is not listening; the
 * JMX exchange then runs on a daemon thread that is abandoned (and its connector closed) past the limit.
 */
final class JmxRing {
    static final ObjectName STORAGE_SERVICE = name("org.apache.cassandra.db:type=StorageService");
    private static final String[] ATTRIBUTES = {"OperationMode", "LiveNodes", "UnreachableNodes", "JoiningNodes",
            "LeavingNodes", "MovingNodes"};
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cassandra-jmx");
        t.setDaemon(true);
        return t;
    });

    private JmxRing() {
    }

    /** An exchange with the node over JMX that may block. */
    interface Exchange<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code exchange} on a daemon thread and waits for it at most {@code timeout}; past that the
     * thread is interrupted and abandoned.
     *
     * @throws IOException naming the node and address when it does not answer in time or fails
     */
    static <T> T within(RingNode node, Duration timeout, Exchange<T> exchange) throws IOException {
        String where = where(node);
        Future<T> f = POOL.submit(exchange::run);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException(where + " did not answer within " + timeout.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(where + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(where + ": interrupted", e);
        }
    }

    /**
     * A plain TCP connect first: an RMI connect has no timeout of its own, this one fails fast on a node
     * that is not listening.
     *
     * @throws IOException naming the node and address when it does not accept connections in time
     */
    static void probe(RingNode node, Duration timeout) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(node.ip(), node.jmxPort()), (int) timeout.toMillis());
        } catch (IOException e) {
            throw new IOException(where(node) + " does not accept connections (" + e.getMessage() + ")", e);
        }
    }

    /** {@code node-1 (127.0.0.3) JMX at 127.0.0.3:31007}: how errors name the node they are about. */
    static String where(RingNode node) {
        return node.label() + " JMX at " + node.ip() + ":" + node.jmxPort();
    }

    /**
     * A JMX connection to the node with no time limit, for the operations that last (upgradesstables,
     * cleanup, decommission), which run on threads of their own; the caller closes it.
     */
    static JMXConnector connect(RingNode node) throws IOException, NotBoundException {
        // The stub is looked up in the node's RMI registry directly, not through a service:jmx:rmi:///jndi/
        // URL: Quarkus disables JNDI in Berth's JVM. The result is the connection nodetool makes.
        Registry registry = LocateRegistry.getRegistry(node.ip(), node.jmxPort());
        RMIServer server = (RMIServer) registry.lookup("jmxrmi");
        // no connection checker thread: a connector lives for one read or one operation
        Map<String, Object> env = new HashMap<>();
        env.put("jmx.remote.x.client.connection.check.period", 0L);
        node.login().ifPresent(l -> env.put(JMXConnector.CREDENTIALS, new String[] {l.user(), l.password()}));
        JMXConnector connector = new RMIConnector(server, env);
        try {
            connector.connect(env);
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw e;
        }
        return connector;
    }

    /** The ring as the node behind {@code mbeans} sees it: one read of its StorageService MBean. */
    static RingView view(MBeanServerConnection mbeans) throws IOException, JMException {
        AttributeList values = mbeans.getAttributes(STORAGE_SERVICE, ATTRIBUTES);
        Map<String, Object> byName = new HashMap<>();
        values.asList().forEach(a -> byName.put(a.getName(), a.getValue()));
        if (byName.size() != ATTRIBUTES.length) {
            throw new IOException("StorageService answered " + byName.keySet() + " of " + String.join(", ", ATTRIBUTES));
        }
        return new RingView(String.valueOf(byName.get("OperationMode")), addresses(byName.get("LiveNodes")),
                addresses(byName.get("UnreachableNodes")), addresses(byName.get("JoiningNodes")),
                addresses(byName.get("LeavingNodes")), addresses(byName.get("MovingNodes")));
    }

    /** The MBean answers lists of IP strings. */
    private static Set<String> addresses(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
