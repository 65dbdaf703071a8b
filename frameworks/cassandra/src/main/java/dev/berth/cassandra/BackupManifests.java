package dev.berth.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.berth.cassandra.backup.BackupFile;
import dev.berth.cassandra.backup.BackupLayout;
import dev.berth.cassandra.backup.BackupLocation;
import dev.berth.cassandra.backup.BackupManifest;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.BackupStores;
import dev.berth.cassandra.backup.NodeBackupPart;
import dev.berth.cassandra.backup.StoreCredentials;
import dev.berth.core.sdk.hooks.HookContext;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The last step of a backup, run by the package once every node uploaded its files: reads each node's
 * part, asks the ring for the schema of the keyspaces they hold (CQL's DESCRIBE, as cqlsh shows it) and
 * writes the manifest. A node whose part is missing or of another backup fails the step, naming it.
 */
final class BackupManifests {
    static final String ACTION = "backup-manifest";
    static final String NAME = "name";

    private BackupManifests() {
    }

    /**
     * The store the service's options name (backup.location, backup.s3_endpoint, backup.s3_region), with the
     * access key an operator set (secrets backup_access_key and backup_secret_key) when there is one.
     */
    static BackupStore store(HookContext context) throws IOException {
        Map<String, Object> options = context.target().options();
        Optional<StoreCredentials> credentials = context.secrets().value("backup_access_key").filter(k -> !k.isEmpty())
                .map(k -> new StoreCredentials(k, context.secrets().value("backup_secret_key").orElse("")));
        return BackupStores.open(BackupLocation.parse(text(options, "backup.location"), text(options, "backup.s3_endpoint"),
                text(options, "backup.s3_region")), credentials);
    }

    /** Writes the manifest of the backup its plan was started for; its progress says what it does. */
    static BackupManifest write(HookContext context, int nodes, Clock clock, Consumer<String> progress) throws Exception {
        String name = Optional.ofNullable(context.parameters().get(NAME)).orElseThrow(() -> new IllegalStateException(
                ACTION + " runs in the backup plan, started with -p name=NAME"));
        String service = context.target().spec().name();
        try (BackupStore store = store(context)) {
            List<NodeBackupPart> parts = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String node = CassandraHooks.POD + "-" + i;
                byte[] json = store.getBytes(BackupLayout.nodePart(service, name, node)).orElseThrow(() -> new IOException(
                        node + " has no part of backup " + name + " in " + store.describe() + ": its backup task did not finish"));
                NodeBackupPart part = NodeBackupPart.fromJson(json);
                if (!part.backup().equals(name)) {
                    throw new IOException(node + "'s part in " + store.describe() + " is of backup " + part.backup() + ", not " + name);
                }
                parts.add(part);
            }
            progress.accept("reading the schema of " + keyspaces(parts));
            BackupManifest manifest = new BackupManifest(name, service, parts.isEmpty() ? "" : parts.get(0).node().cluster(),
                    clock.instant(), schema(context, keyspaces(parts)), parts);
            store.putBytes(BackupLayout.manifest(service, name), manifest.toJson());
            return manifest;
        }
    }

    private static TreeSet<String> keyspaces(List<NodeBackupPart> parts) {
        TreeSet<String> out = new TreeSet<>();
        parts.forEach(p -> p.files().stream().map(BackupFile::keyspace).forEach(out::add));
        return out;
    }

    /** Each keyspace's CQL: the keyspace, its types, tables, indexes and views, as the ring describes them. */
    private static Map<String, String> schema(HookContext context, TreeSet<String> keyspaces) throws Exception {
        Map<String, String> out = new TreeMap<>();
        if (keyspaces.isEmpty()) {
            return out;
        }
        try (CqlSession cql = CqlSessions.open(context)) {
            for (String ks : keyspaces) {
                StringBuilder b = new StringBuilder();
                for (Row r : cql.execute("DESCRIBE KEYSPACE \"" + ks.replace("\"", "\"\"") + "\"")) {
                    b.append(r.getString("create_statement")).append('\n');
                }
                out.put(ks, b.toString());
            }
        }
        return out;
    }

    private static String text(Map<String, Object> options, String key) {
        Object v = options.get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
