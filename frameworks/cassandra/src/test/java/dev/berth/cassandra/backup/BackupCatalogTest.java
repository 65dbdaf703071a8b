package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
    @TempDir
    Path root;

    @Test
    void listsCompleteBackupsFromTheirManifestsAndIncompleteOnesFromTheirPartsOfThisServiceOnly() throws IOException {
        try (BackupStore store = BackupStores.open(BackupLocation.parse(root.toString(), "", ""), Optional.empty())) {
            NodeFacts node = new NodeFacts("node-0", 0, "127.0.0.2", "ring", "h0", "dc1", "z0", "5.0.6", List.of("1"));
            NodeBackupPart part = new NodeBackupPart("b1", node, List.of(new BackupFile("k", "shop", "orders-1", "nb-1-big-Data.db",
                    100, "ab")), 60, Instant.parse("2026-11-30T12:00:00Z"));
            BackupManifest b1 = new BackupManifest("b1", "cassandra", "ring", Instant.parse("2026-11-30T12:00:01Z"),
                    Map.of("shop", "CREATE KEYSPACE shop …"), List.of(part));
            store.putBytes(BackupLayout.nodePart("cassandra", "b1", "node-0"), NodeBackup.Json.MAPPER.writeValueAsBytes(part));
            store.putBytes(BackupLayout.manifest("cassandra", "b1"), b1.toJson());
            store.putBytes(BackupLayout.nodePart("cassandra", "b10", "node-0"), NodeBackup.Json.MAPPER.writeValueAsBytes(part));
            store.putBytes(BackupLayout.manifest("other", "b2"), b1.toJson());

            BackupCatalog catalog = new BackupCatalog(store, "cassandra");
            assertThat(catalog.list()).containsExactly(
                    new BackupSummary("b1", "COMPLETE", Optional.of(b1.created()), 1, 1, 100, 60, List.of("shop")),
                    new BackupSummary("b10", "INCOMPLETE", Optional.empty(), 1, 0, 0, 0, List.of()));
            assertThat(catalog.manifest("b1")).contains(b1);
            assertThat(catalog.manifest("b10")).isEmpty();
        }
    }
}
