package dev.berth.cassandra.backup;

import java.util.Objects;

/**
 * One file of a node's backup: where it is in the store, the keyspace and table (its directory name,
 * {@code notes-5a1c…}, which changes when a table is dropped and made again) it belongs to, its size and
 * SHA-256, which a restore checks after the download.
 */
public record BackupFile(String key, String keyspace, String table, String name, long size, String sha256) {
    public BackupFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
    }
}
