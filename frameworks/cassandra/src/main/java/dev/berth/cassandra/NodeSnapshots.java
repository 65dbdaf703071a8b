package dev.berth.cassandra;

import dev.berth.cassandra.backup.NodeFacts;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * What a backup asks of its own node over JMX, as {@code nodetool snapshot} and {@code clearsnapshot} do:
 * a snapshot under the backup's name (flushed first, so every acknowledged write is in it), the facts a
 * restore checks the target ring against, and the snapshot's removal once its files are uploaded.
 * Signatures are Cassandra 5.0's.
 */
public final class NodeSnapshots {
    private static final Duration PROBE = Duration.ofSeconds(4);
    private static final ObjectName SNITCH = JmxRing.name("org.apache.cassandra.db:type=EndpointSnitchInfo");

    private final RingNode node;

    NodeSnapshots(RingNode node) {
        this.node = node;
    }

    /** The node {@code instance} (index {@code index}) whose JMX listens at {@code ip:jmxPort}, with its login if any. */
    public static NodeSnapshots of(String instance, int index, String ip, int jmxPort, Optional<Login> login) {
        return new NodeSnapshots(new RingNode(instance, index, ip, jmxPort, Optional.empty(), login));
    }

    /** Flushes and snapshots {@code keyspaces} (every keyspace when empty) under {@code tag}. */
    public void take(String tag, List<String> keyspaces) throws IOException {
        call(mbeans -> mbeans.invoke(JmxRing.STORAGE_SERVICE, "takeSnapshot",
                new Object[] {tag, Map.of("skipFlush", "false"), keyspaces.toArray(String[]::new)},
                new String[] {String.class.getName(), Map.class.getName(), String[].class.getName()}));
    }

    /** Removes the snapshot {@code tag} of every keyspace: its files are hard links the node would keep otherwise. */
    public void clear(String tag) throws IOException {
        call(mbeans -> mbeans.invoke(JmxRing.STORAGE_SERVICE, "clearSnapshot",
                new Object[] {tag, new String[0]}, new String[] {String.class.getName(), String[].class.getName()}));
    }

    /**
     * Loads the sstables in {@code folder} into the node's table, as {@code nodetool import} does: their
     * rows join the table's (newer writes win, as for any sstable); the files are moved in, with their
     * levels reset and verified against the node's tokens first.
     */
    public void importSSTables(String keyspace, String table, String folder, boolean onlyOwnedTokens) throws IOException {
        ObjectName tableBean = JmxRing.name("org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table);
        // resetLevel, clearRepaired, verifySSTables, verifyTokens, invalidateCaches, extendedVerify, copyData
        Object failed = call(mbeans -> mbeans.invoke(tableBean, "importNewSSTables",
                new Object[] {java.util.Set.of(folder), true, true, true, onlyOwnedTokens, true, false, false},
                new String[] {java.util.Set.class.getName(), "boolean", "boolean", "boolean", "boolean", "boolean", "boolean",
                        "boolean"}));
        if (failed instanceof Collection<?> c && !c.isEmpty()) {
            throw new IOException(node.label() + ": the import into " + keyspace + "." + table + " failed for " + c
                    + " (the node's log says why)");
        }
    }

    /** Drops from the node's sstables of {@code keyspace} the rows of ranges it does not own ({@code nodetool cleanup}). */
    public void cleanup(String keyspace) throws IOException {
        Object status = call(mbeans -> mbeans.invoke(JmxRing.STORAGE_SERVICE, "forceKeyspaceCleanup",
                new Object[] {1, keyspace, new String[0]}, new String[] {"int", String.class.getName(), String[].class.getName()}));
        if (status instanceof Integer code && code != 0) {
            throw new IOException(node.label() + ": the cleanup of keyspace " + keyspace + " ended with status " + code
                    + " (the node's log says why)");
        }
    }

    /** The node's cluster, host id, datacenter, rack, release and tokens. */
    public NodeFacts facts() throws IOException {
        return (NodeFacts) call(mbeans -> new NodeFacts(node.instance(), node.index(), node.ip(),
                String.valueOf(mbeans.getAttribute(JmxRing.STORAGE_SERVICE, "ClusterName")),
                String.valueOf(mbeans.getAttribute(JmxRing.STORAGE_SERVICE, "LocalHostId")),
                String.valueOf(mbeans.getAttribute(SNITCH, "Datacenter")),
                String.valueOf(mbeans.getAttribute(SNITCH, "Rack")),
                String.valueOf(mbeans.getAttribute(JmxRing.STORAGE_SERVICE, "ReleaseVersion")),
                strings(mbeans.getAttribute(JmxRing.STORAGE_SERVICE, "Tokens"))));
    }

    private interface JmxCall {
        Object on(MBeanServerConnection mbeans) throws IOException, JMException;
    }

    private Object call(JmxCall call) throws IOException {
        JmxRing.probe(node, PROBE);
        try (JMXConnector connector = JmxRing.connect(node)) {
            return call.on(connector.getMBeanServerConnection());
        } catch (JMException | java.rmi.NotBoundException e) {
            throw new IOException(JmxRing.where(node) + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Object value) {
        return value instanceof Collection<?> c ? c.stream().map(String::valueOf).sorted().toList() : List.of();
    }
}
