package dev.berth.cassandra.cli;

import dev.berth.cassandra.Login;
import dev.berth.cassandra.NodeSnapshots;
import dev.berth.cassandra.backup.BackupLocation;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.BackupStores;
import dev.berth.cassandra.backup.NodeBackup;
import dev.berth.cassandra.backup.NodeBackupPart;
import dev.berth.cassandra.backup.StoreCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(settings)) {
            p.load(in);
        }
        String node = required(p, "node");
        Optional<Login> login = text(p, "jmx.user").map(u -> new Login(u, p.getProperty("jmx.password", "")));
        NodeSnapshots snapshots = NodeSnapshots.of(node, Integer.parseInt(required(p, "index")), required(p, "jmx.host"),
                Integer.parseInt(required(p, "jmx.port")), login);
        BackupLocation location = BackupLocation.parse(required(p, "location"), p.getProperty("s3.endpoint", ""),
                p.getProperty("s3.region", ""));
        Optional<StoreCredentials> credentials = text(p, "s3.access_key")
                .map(k -> new StoreCredentials(k, p.getProperty("s3.secret_key", "")));
        Set<String> only = new LinkedHashSet<>(Arrays.stream(keyspaces.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        System.out.println(node + ": snapshot " + name + " of " + (only.isEmpty() ? "every keyspace" : only));
        snapshots.take(name, List.copyOf(only));
        try (BackupStore store = BackupStores.open(location, credentials)) {
            NodeBackupPart part = new NodeBackup(store, required(p, "service"), System.out::println, Clock.systemUTC())
                    .upload(name, snapshots.facts(), data, only);
            System.out.println(node + ": backup " + name + " stored in " + store.describe() + " (" + part.files().size()
                    + " files)");
        } finally {
            snapshots.clear(name);
        }
        return 0;
    }

    private static String required(Properties p, String key) {
        return text(p, key).orElseThrow(() -> new IllegalArgumentException(key + ": missing in the backup settings"));
    }

    private static Optional<String> text(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
