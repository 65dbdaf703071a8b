package dev.berth.cassandra.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a node's snapshot on its volume: {@code data/data/KEYSPACE/TABLE_DIR/snapshots/TAG/NAME}
 * (a secondary index's files lie one directory deeper, {@code TAG/.INDEX/NAME}: {@code name} keeps that
 * directory, so the file keeps its place when restored).
 */
public record SnapshotFile(String keyspace, String table, String name, Path path) {
    public SnapshotFile {
        Objects.requireNonNull(keyspace, "keyspace");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
