package dev.berth.cassandra.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete backup: written last, once every node's part is in the store. It holds what a restore needs
 * and checks the target ring against: the cluster's name, every node (index, rack, datacenter, release,
 * tokens) with its files and their SHA-256, and the schema of each keyspace backed up, as CQL.
 */
public record BackupManifest(String name, String service, String cluster, Instant created, Map<String, String> schema,
                             List<NodeBackupPart> nodes) {
    public BackupManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        schema = schema == null ? Map.of() : Map.copyOf(schema);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public long fileCount() {
        return nodes.stream().mapToLong(n -> n.files().size()).sum();
    }

    public long bytes() {
        return nodes.stream().mapToLong(NodeBackupPart::bytes).sum();
    }

    public long bytesUploaded() {
        return nodes.stream().mapToLong(NodeBackupPart::bytesUploaded).sum();
    }

    /** The manifest as JSON, as the store keeps it. */
    public byte[] toJson() throws java.io.IOException {
        return NodeBackup.Json.MAPPER.writeValueAsBytes(this);
    }

    public static BackupManifest fromJson(byte[] json) throws java.io.IOException {
        return NodeBackup.Json.MAPPER.readValue(json, BackupManifest.class);
    }
}
