package dev.berth.cassandra;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;

/**
 * The long operations of Cassandra's StorageService MBean the hooks run on a node, as nodetool runs
 * them: each call blocks until the node is done, so they run on the threads of the hooks' jobs
 * ({@link dev.berth.core.sdk.hooks.HookJobs}), never on a hook's. Signatures are Cassandra 5.0's (the
 * same in 5.0.5 and 5.0.6).
 */
final class NodeOperations {
    /** Compaction threads an upgradesstables or cleanup may use at once: nodetool's default. */
    static final int JOBS = 2;
    /** How long the TCP probe before a connection waits: a node not listening fails the job at once. */
    private static final Duration PROBE = Duration.ofSeconds(4);
    private static final String[] NO_TABLES = new String[0];
    private static final String[] UPGRADE_SIGNATURE = {String.class.getName(), boolean.class.getName(),
            long.class.getName(), int.class.getName(), String[].class.getName()};
    private static final String[] CLEANUP_SIGNATURE = {int.class.getName(), String.class.getName(),
            String[].class.getName()};
    /**
     * nodetool repair --full's options (RepairOption's keys): every range the node replicates (not only its
     * primary ones), all replicas at once, and keyspaces replicated once (nothing to compare) skipped.
     */
    private static final Map<String, String> REPAIR_OPTIONS = Map.of("incremental", "false", "primaryRange", "false",
            "parallelism", "parallel", "ignoreUnreplicatedKeyspaces", "true");
    private static final Duration REPAIR_POLL = Duration.ofMillis(500);
    /** CompactionManager.AllSSTableOpStatus, by ordinal. */
    private static final List<String> STATUS = List.of("SUCCESSFUL", "ABORTED", "UNABLE_TO_CANCEL");

    private NodeOperations() {
    }

    /**
     * Rewrites the sstables of every keyspace (system ones included: a new release reads them too) that
     * are not in the running release's format, as {@code nodetool upgradesstables} does: excluding those
     * already current, so a repeat finds nothing to do. Keyspace by keyspace.
     */
    static void upgradeSSTables(RingNode node, Consumer<String> progress)
            throws IOException, JMException, java.rmi.NotBoundException, InterruptedException {
        // excludeCurrentVersion=true, no timestamp bound (Long.MAX_VALUE, nodetool's default), all tables
        perKeyspace(node, progress, "upgradesstables", "Keyspaces", (mbeans, keyspace) -> check(mbeans.invoke(
                JmxRing.STORAGE_SERVICE, "upgradeSSTables", new Object[] {keyspace, true, Long.MAX_VALUE, JOBS, NO_TABLES},
                UPGRADE_SIGNATURE), "upgradesstables", keyspace));
    }

    /**
     * Drops from the node the data of ranges it no longer owns, as {@code nodetool cleanup} does: in the
     * keyspaces the ring replicates (local system keyspaces are never moved, so have nothing to drop).
     * Cassandra refuses while ranges are moving to or from the node.
     */
    static void cleanup(RingNode node, Consumer<String> progress)
            throws IOException, JMException, java.rmi.NotBoundException, InterruptedException {
        perKeyspace(node, progress, "cleanup", "NonLocalStrategyKeyspaces", (mbeans, keyspace) -> check(mbeans.invoke(
                JmxRing.STORAGE_SERVICE, "forceKeyspaceCleanup", new Object[] {JOBS, keyspace, NO_TABLES},
                CLEANUP_SIGNATURE), "cleanup", keyspace));
    }

    /** What an operation does to one keyspace over the node's MBeans; it throws when the keyspace's work failed. */
    private interface KeyspaceWork {
        void run(MBeanServerConnection mbeans, String keyspace) throws IOException, JMException, InterruptedException;
    }

    /**
     * Runs {@code work} on each keyspace listed by the node's StorageService attribute {@code keyspacesAttribute},
     * one after the other, over one connection, reporting each as it starts ({@code what} names the operation in
     * messages); the first keyspace that fails ends it.
     */
    private static void perKeyspace(RingNode node, Consumer<String> progress, String what, String keyspacesAttribute,
                                    KeyspaceWork work)
            throws IOException, JMException, java.rmi.NotBoundException, InterruptedException {
        JmxRing.probe(node, PROBE);
        try (JMXConnector connector = JmxRing.connect(node)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            List<String> keyspaces = strings(mbeans.getAttribute(JmxRing.STORAGE_SERVICE, keyspacesAttribute));
            for (int i = 0; i < keyspaces.size(); i++) {
                String keyspace = keyspaces.get(i);
                progress.accept(node.label() + ": " + what + " of keyspace " + keyspace + " (" + (i + 1) + " of "
                        + keyspaces.size() + ")");
                work.run(mbeans, keyspace);
            }
        }
    }

    /**
     * Takes the node out of the ring: it announces it is leaving, streams each of its ranges to the node
     * that takes it over (and its hints), then is DECOMMISSIONED. Not forced: Cassandra refuses when a
     * keyspace would keep more replicas than nodes, which the job's failure then says.
     */
    static void decommission(RingNode node) throws IOException, JMException, java.rmi.NotBoundException {
        JmxRing.probe(node, PROBE);
        try (JMXConnector connector = JmxRing.connect(node)) {
            connector.getMBeanServerConnection().invoke(JmxRing.STORAGE_SERVICE, "decommission",
                    new Object[] {false}, new String[] {boolean.class.getName()});
        }
    }

    /**
     * A full repair of every range the node replicates, keyspace by keyspace, as {@code nodetool repair
     * --full} run on it does: the node and the other replicas of each range exchange Merkle trees and
     * stream each other what one has and another lacks. What a replaced node needs before it counts: it
     * streamed each range from one replica only, which may lack rows the others acknowledged. Every
     * replica must be up; a failed repair fails the job (to be tried again).
     */
    static void repair(RingNode node, Consumer<String> progress)
            throws IOException, JMException, java.rmi.NotBoundException, InterruptedException {
        perKeyspace(node, progress, "repair", "NonLocalStrategyKeyspaces", (mbeans, keyspace) -> {
            Object command = mbeans.invoke(JmxRing.STORAGE_SERVICE, "repairAsync", new Object[] {keyspace, REPAIR_OPTIONS},
                    new String[] {String.class.getName(), Map.class.getName()});
            int cmd = command instanceof Integer n ? n : 0;
            if (cmd > 0) { // 0: nothing of the keyspace to repair here
                awaitRepair(mbeans, cmd, keyspace);
            }
        });
    }

    /** Asks how repair {@code cmd} goes until it has COMPLETED; FAILED ends the job with Cassandra's messages. */
    private static void awaitRepair(MBeanServerConnection mbeans, int cmd, String keyspace)
            throws IOException, JMException, InterruptedException {
        while (true) {
            List<String> status = strings(mbeans.invoke(JmxRing.STORAGE_SERVICE, "getParentRepairStatus",
                    new Object[] {cmd}, new String[] {int.class.getName()}));
            // empty until the repair has registered; then IN_PROGRESS, COMPLETED or FAILED, then messages
            String phase = status.isEmpty() ? "" : status.get(0);
            if (phase.equals("COMPLETED")) {
                return;
            }
            if (phase.equals("FAILED")) {
                throw new IOException("repair of keyspace " + keyspace + " failed: "
                        + String.join("; ", status.subList(1, status.size())));
            }
            Thread.sleep(REPAIR_POLL.toMillis());
        }
    }

    private static void check(Object status, String operation, String keyspace) throws IOException {
        int code = status instanceof Integer n ? n : -1;
        if (code != 0) {
            String name = code > 0 && code < STATUS.size() ? STATUS.get(code) : String.valueOf(status);
            throw new IOException(operation + " of keyspace " + keyspace + " ended " + name
                    + " (compactions running on its tables could not be stopped for it)");
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
