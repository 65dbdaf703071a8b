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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth cassandra restore-node}: one node's share of a restore, run by the restore plan's task beside
 * the node's volume: it downloads the sstables this node held in the backup (each checked against its
 * SHA-256) onto the volume, and has the node import them table by table; the download folder goes
 * afterwards. The plan checked the ring against the backup before any node was touched.
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
            Map<String, NodeRestore.TableFiles> tables = new NodeRestore(store, System.out::println).download(part, into);
            NodeSnapshots node = s.jmx();
            for (NodeRestore.TableFiles t : tables.values()) {
                node.importSSTables(t.keyspace(), t.table(), t.folder().toString());
                System.out.println(s.node() + ": imported " + t.keyspace() + "." + t.table());
            }
        } finally {
            RecursiveDelete.delete(into);
        }
        return 0;
    }
}
