package dev.berth.cassandra;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.remote.JMXConnector;

/**
 * The hooks' JMX connections, one per node, kept between questions. A readiness or stop question is
 * one read of the ring; opening a connection for it (a registry lookup, a second TCP connection and a
 * login) cost more than the read itself, and a roll asks several times per node. A connection that fails
 * or does not answer in time is closed and forgotten: the next read connects again, at once when the
 * failure was a node restarted since (its old connection is dead, its new process listens). Closed with
 * the hooks.
 */
final class JmxSessions implements AutoCloseable {
    private final Map<String, JMXConnector> open = new ConcurrentHashMap<>();

    /**
     * The ring as the node sees it, over its kept connection or a new one.
     *
     * @throws IOException naming the node and address when it does not answer in time or refuses
     */
    RingView read(RingNode node, Duration timeout) throws IOException {
        String key = key(node);
        JMXConnector kept = open.get(key);
        if (kept != null) {
            try {
                return JmxRing.within(node, timeout, () -> JmxRing.view(kept.getMBeanServerConnection()));
            } catch (IOException e) {
                forget(key, kept); // the node restarted or hangs: a new connection tells which
            }
        }
        JmxRing.probe(node, timeout);
        return JmxRing.within(node, timeout, () -> {
            JMXConnector connector = JmxRing.connect(node);
            try {
                RingView view = JmxRing.view(connector.getMBeanServerConnection());
                if (open.putIfAbsent(key, connector) != null) {
                    quietly(connector); // another question kept its own meanwhile
                }
                return view;
            } catch (IOException | RuntimeException | javax.management.JMException e) {
                quietly(connector);
                throw e;
            }
        });
    }

    /** How many connections are kept (for tests). */
    int size() {
        return open.size();
    }

    @Override
    public void close() {
        open.forEach(this::forget);
    }

    private void forget(String key, JMXConnector connector) {
        open.remove(key, connector);
        quietly(connector);
    }

    /** A node's address and login: a new password is a new connection. */
    private static String key(RingNode node) {
        String login = node.login().map(l -> l.user() + ":" + Integer.toHexString(l.password().hashCode())).orElse("");
        return node.ip() + ":" + node.jmxPort() + "/" + login;
    }

    private static void quietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException e) {
            // already gone: nothing to give back
        }
    }
}
