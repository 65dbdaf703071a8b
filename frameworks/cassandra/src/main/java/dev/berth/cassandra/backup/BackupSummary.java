package dev.berth.cassandra.backup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code berth backup list}: a backup's name, whether it is COMPLETE (its manifest is written)
 * or INCOMPLETE (some nodes' parts, no manifest: a backup that failed or still runs), when it was made,
 * and its size.
 */
public record BackupSummary(String name, String status, Optional<Instant> created, int nodes, long files, long bytes,
                            long bytesUploaded, List<String> keyspaces) {
    public static final String COMPLETE = "COMPLETE";
    public static final String INCOMPLETE = "INCOMPLETE";

    public static BackupSummary of(BackupManifest m) {
        return new BackupSummary(m.name(), COMPLETE, Optional.ofNullable(m.created()), m.nodes().size(), m.fileCount(),
                m.bytes(), m.bytesUploaded(), List.copyOf(m.schema().keySet()));
    }
}
