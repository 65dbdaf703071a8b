package dev.berth.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.berth.cassandra.backup.BackupLayout;
import dev.berth.cassandra.backup.BackupManifest;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.NodeFacts;
import dev.berth.cassandra.backup.RestoreCheck;
import dev.berth.core.sdk.hooks.HookContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The package's part of a restore ({@code berth plan start SVC restore -p name=NAME}, or
 * {@code -p from=SERVICE/NAME} for another service's backup): before the plan starts, the backup's manifest
 * against the ring as it is now ({@link RestoreCheck}); then, as the plan's first step, the backup's schema
 * made again where it is missing (a dropped table comes back empty, for the nodes to import its files into).
 */
final class Restores {
    static final String PLAN = "restore";
    static final String SCHEMA_ACTION = "restore-schema";
    private static final Pattern CREATE = Pattern.compile(
            "^\\s*CREATE\\s+(KEYSPACE|TABLE|TYPE|INDEX|CUSTOM INDEX|MATERIALIZED VIEW|FUNCTION|AGGREGATE)\\s+(?!IF NOT EXISTS)",
            Pattern.CASE_INSENSITIVE);

    private Restores() {
    }

    /** SERVICE/NAME of the backup the parameters name, or what is wrong with them. */
    static String source(HookContext context, Map<String, String> parameters) {
        String name = parameters.getOrDefault("name", "");
        String from = parameters.getOrDefault("from", "");
        if (name.isEmpty() == from.isEmpty()) {
            throw new IllegalArgumentException("parameters: give name=NAME (a backup of this service) or from=SERVICE/NAME"
                    + " (another's), one of the two");
        }
        return from.isEmpty() ? context.target().spec().name() + "/" + name : from;
    }

    /** Every reason the backup may not be restored into the ring now; empty when it may. */
    static List<String> refusals(HookContext context, Map<String, String> parameters) throws Exception {
        String source;
        try {
            source = source(context, parameters);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        Optional<BackupManifest> manifest = manifest(context, source);
        if (manifest.isEmpty()) {
            return List.of("backup " + source + " has no manifest in the store of backup.location (not made, or not "
                    + "finished: berth backup list)");
        }
        Map<String, NodeFacts> ring = new TreeMap<>();
        List<String> out = new ArrayList<>();
        for (RingNode node : RingNodes.of(context)) {
            if (node.trouble().isPresent()) {
                out.add(node.label() + " is not up: " + node.trouble().get() + " (a restore needs every node)");
            } else {
                ring.put(node.instance(), new NodeSnapshots(node).facts());
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        return RestoreCheck.differences(manifest.get(), ring);
    }

    /** Makes the backup's keyspaces, types and tables that the ring lacks (CREATE … IF NOT EXISTS). */
    static void applySchema(HookContext context, Map<String, String> parameters, Consumer<String> progress) throws Exception {
        String source = source(context, parameters);
        BackupManifest m = manifest(context, source).orElseThrow(() -> new IOException("backup " + source + " has no manifest"));
        try (CqlSession cql = CqlSessions.open(context)) {
            for (Map.Entry<String, String> ks : m.schema().entrySet()) {
                progress.accept("making the schema of keyspace " + ks.getKey() + " where it is missing");
                for (String statement : statements(ks.getValue())) {
                    cql.execute(statement);
                }
            }
            CqlSessions.awaitSchemaAgreement(cql, CassandraHooks.CQL_TIMEOUT);
        }
    }

    /** The statements of a keyspace's DESCRIBE, each made to leave what exists alone. */
    static List<String> statements(String describe) {
        List<String> out = new ArrayList<>();
        for (String s : describe.split(";\\s*\\n")) {
            String statement = s.strip();
            if (!statement.isEmpty()) {
                out.add(CREATE.matcher(statement).replaceFirst(m -> "CREATE " + m.group(1).toUpperCase() + " IF NOT EXISTS "));
            }
        }
        return out;
    }

    private static Optional<BackupManifest> manifest(HookContext context, String source) throws IOException {
        String service = source.substring(0, source.indexOf('/'));
        String name = source.substring(source.indexOf('/') + 1);
        try (BackupStore store = BackupManifests.store(context)) {
            Optional<byte[]> json = store.getBytes(BackupLayout.manifest(service, name));
            return json.isEmpty() ? Optional.empty() : Optional.of(BackupManifest.fromJson(json.get()));
        }
    }
}
