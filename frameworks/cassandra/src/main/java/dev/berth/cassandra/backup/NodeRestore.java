package dev.berth.cassandra.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One node's share of a restore, run by its restore task beside the node's volume: downloads the sstables
 * the node had in the backup into a folder per table (checking each file's SHA-256), for the node to
 * import ({@code nodetool import}'s operation). Only sstable components: the snapshot's schema.cql and
 * manifest.json are the backup's to read, and a secondary index is rebuilt by the import.
 */
public final class NodeRestore {
    private final BackupStore store;
    private final Consumer<String> progress;

    public NodeRestore(BackupStore store, Consumer<String> progress) {
        this.store = store;
        this.progress = progress;
    }

    /** Keyspace and table name ({@code notes} of {@code notes-5a1c…}) to the folder holding its files. */
    public record TableFiles(String keyspace, String table, Path folder) {
    }

    public Map<String, TableFiles> download(NodeBackupPart part, Path into) throws IOException {
        Map<String, TableFiles> out = new LinkedHashMap<>();
        long bytes = 0;
        for (BackupFile f : part.files()) {
            if (f.name().contains("/") || !isSSTableComponent(f.name())) {
                continue;
            }
            String table = tableName(f.table());
            TableFiles t = out.computeIfAbsent(f.keyspace() + "." + table,
                    k -> new TableFiles(f.keyspace(), table, into.resolve(f.keyspace()).resolve(f.table())));
            Path target = t.folder().resolve(f.name());
            store.download(f.key(), target);
            String sha = NodeBackup.sha256(target);
            if (!sha.equals(f.sha256())) {
                throw new IOException(f.key() + ": SHA-256 " + sha + " after the download, " + f.sha256() + " in the backup");
            }
            bytes += Files.size(target);
        }
        progress.accept(part.node().instance() + ": " + bytes + " bytes of " + out.size() + " tables downloaded from "
                + store.describe());
        return out;
    }

    /** A component of an sstable ({@code nb-1-big-Data.db}, {@code da-3-bti-Partitions.db}), not a snapshot's note. */
    static boolean isSSTableComponent(String name) {
        return name.contains("-big-") || name.contains("-bti-");
    }

    /** The table's name in its folder's ({@code notes-5a1c…}: table names have no '-'). */
    static String tableName(String folder) {
        int dash = folder.indexOf('-');
        return dash < 0 ? folder : folder.substring(0, dash);
    }
}
