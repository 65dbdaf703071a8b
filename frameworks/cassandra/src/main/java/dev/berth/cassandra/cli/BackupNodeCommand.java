package dev.berth.cassandra.cli;

import dev.berth.cassandra.NodeSnapshots;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.NodeBackup;
import dev.berth.cassandra.backup.NodeBackupPart;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth cassandra backup-node}: one node's share of a backup, run by the backup plan's task on the
 * node's own agent ({@code java -jar $BERTH_JAR}), next to the node's volume. It snapshots the node under
 * the backup's name (flushed first), uploads the snapshot's files the store does not hold yet and the
 * node's part of the backup, and clears the snapshot again, also when the upload failed. Not for operators
 * (hidden): {@code berth plan start SVC backup -p name=NAME} runs it on every node.
 */
@Command(name = "backup-node", hidden = true,
        description = "Backs up the node this task runs beside (run by the backup plan's task).")
public class BackupNodeCommand implements Callable<Integer> {
    @Option(names = "--settings", required = true, description = "the task's rendered backup settings (backup.properties)")
    Path settings;

    @Option(names = "--name", required = true, description = "the backup's name")
    String name;

    @Option(names = "--keyspaces", defaultValue = "", description = "keyspaces to back up, comma-separated; all but system ones when empty")
    String keyspaces;

    @Option(names = "--data", defaultValue = "data/data", description = "the node's data directory")
    Path data;

    @Override
    public Integer call() throws IOException {
        NodeSettings s = NodeSettings.read(settings);
        NodeSnapshots node = s.jmx();
        Set<String> only = new LinkedHashSet<>(Arrays.stream(keyspaces.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList());
        System.out.println(s.node() + ": snapshot " + name + " of " + (only.isEmpty() ? "every keyspace" : only));
        node.take(name, List.copyOf(only));
        try (BackupStore store = s.store()) {
            NodeBackupPart part = new NodeBackup(store, s.service(), System.out::println, Clock.systemUTC())
                    .upload(name, node.facts(), data, only);
            System.out.println(s.node() + ": backup " + name + " stored in " + store.describe() + " (" + part.files().size()
                    + " files)");
        } finally {
            node.clear(name);
        }
        return 0;
    }
}
