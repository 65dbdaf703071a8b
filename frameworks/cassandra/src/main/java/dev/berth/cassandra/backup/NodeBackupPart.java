package dev.berth.cassandra.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node's share of a backup, written by the node's backup task once its files are in the store: the
 * node's facts, every file of its snapshot, the bytes it sent (less than the files' sizes when earlier
 * backups hold some of them already) and when it finished.
 */
public record NodeBackupPart(String backup, NodeFacts node, List<BackupFile> files, long bytesUploaded, Instant finished) {
    public NodeBackupPart {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(node, "node");
        files = files == null ? List.of() : List.copyOf(files);
    }

    public long bytes() {
        return files.stream().mapToLong(BackupFile::size).sum();
    }

    public static NodeBackupPart fromJson(byte[] json) throws java.io.IOException {
        return NodeBackup.Json.MAPPER.readValue(json, NodeBackupPart.class);
    }
}
