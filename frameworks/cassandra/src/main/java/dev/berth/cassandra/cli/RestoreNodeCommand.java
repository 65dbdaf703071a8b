package dev.berth.cassandra.cli;

import dev.berth.cassandra.NodeSnapshots;
import dev.berth.cassandra.backup.BackupLayout;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.NodeBackupPart;
import dev.berth.cassandra.backup.NodeRestore;
import dev.berth.volumes.RecursiveDelete;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth cassandra restore-node}: one node's share of a restore, run by the restore plan's task beside
 * the node's volume: it downloads the sstables this node held in the backup (each checked against its
 * SHA-256) onto the volume, and has the node import them table by table; the download folder goes
 * afterwards. A node whose tokens are not those of its namesake in the backup (a new service restored from
 * another's backup) imports every node's files without the ownership check, then cleans its keyspaces up. The plan checked the ring against the backup before any node was touched.
 */
@Command(name = "restore-node", hidden = true,
        description = "Restores the node this task runs beside from a backup (run by the restore plan's task).")
public class RestoreNodeCommand implements Callable<Integer> {
    @Option(names = "--settings", required = true, description = "the task's rendered backup settings (backup.properties)")
    Path settings;

    @Option(names = "--from", required = true, description = "SERVICE/NAME: the backup to restore")
    String from;

    @Option(names = "--data", defaultValue = "data", description = "the node's volume")
    Path volume;

    @Override
    public Integer call() throws IOException {
        NodeSettings s = NodeSettings.read(settings);
        String service = from.substring(0, from.indexOf('/'));
        String name = from.substring(from.indexOf('/') + 1);
        Path into = volume.resolve("restore").resolve(name).toAbsolutePath();
        try (BackupStore store = s.store()) {
            // the node's own part (written by its backup task, as the task user), not the manifest the scheduler
            // wrote: the plan checked the manifest before it started, and the part lists the same files
            NodeBackupPart part = NodeBackupPart.fromJson(store.getBytes(BackupLayout.nodePart(service, name, s.node()))
                    .orElseThrow(() -> new IOException("backup " + from + " holds no files of " + s.node() + " in "
                            + store.describe())));
            NodeSnapshots node = s.jmx();
            if (part.node().tokens().equals(node.facts().tokens())) {
                load(store, part, into, node, s.node(), true);
            } else {
                // another ring (a new service from another's backup): this node owns other ranges than the backup's
                // node of its name, so it takes every node's files and then drops the rows it does not own
                System.out.println(s.node() + ": its tokens are not those of " + part.node().instance() + " in backup "
                        + from + "; importing every node's files, then cleaning up");
                Set<String> keyspaces = new TreeSet<>();
                for (String key : store.list(BackupLayout.nodeParts(service, name))) {
                    NodeBackupPart other = NodeBackupPart.fromJson(store.getBytes(key).orElseThrow(() ->
                            new IOException(key + " was listed, then gone from " + store.describe())));
                    keyspaces.addAll(load(store, other, into.resolve(other.node().instance()), node, s.node(), false));
                }
                for (String keyspace : keyspaces) {
                    node.cleanup(keyspace);
                    System.out.println(s.node() + ": cleaned up " + keyspace);
                }
            }
        } finally {
            RecursiveDelete.delete(into);
        }
        return 0;
    }

    /** Downloads one node's part and imports it table by table; the keyspaces it held. */
    private static Set<String> load(BackupStore store, NodeBackupPart part, Path into, NodeSnapshots node, String self,
                                    boolean onlyOwnedTokens) throws IOException {
        Map<String, NodeRestore.TableFiles> tables = new NodeRestore(store, System.out::println).download(part, into);
        Set<String> keyspaces = new TreeSet<>();
        for (NodeRestore.TableFiles t : tables.values()) {
            node.importSSTables(t.keyspace(), t.table(), t.folder().toString(), onlyOwnedTokens);
            keyspaces.add(t.keyspace());
            System.out.println(self + ": imported " + t.keyspace() + "." + t.table() + " from " + part.node().instance());
        }
        return keyspaces;
    }
}
