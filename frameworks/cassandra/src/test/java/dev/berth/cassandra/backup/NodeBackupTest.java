package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeBackupTest {
    private static final NodeFacts NODE = new NodeFacts("node-1", 1, "127.0.0.3", "ring", "host-1", "dc1", "z1", "5.0.6",
            List.of("-42", "17"));

    @TempDir
    Path data;
    @TempDir
    Path root;

    @Test
    void uploadsTheSnapshotAndThePartAndASecondBackupSendsOnlyTheNewFiles() throws IOException {
        file("shop/orders-1a2b/snapshots/b1/nb-1-big-Data.db", "first sstable");
        file("shop/orders-1a2b/snapshots/b1/schema.cql", "CREATE TABLE shop.orders (id int PRIMARY KEY)");
        List<String> said = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        try (BackupStore store = BackupStores.open(BackupLocation.parse(root.toString(), "", ""), Optional.empty())) {
            NodeBackup backup = new NodeBackup(store, "cassandra", said::add, clock);
            NodeBackupPart first = backup.upload("b1", NODE, data, Set.of());
            assertThat(first.files()).extracting(BackupFile::key).containsExactly(
                    "cassandra/sstables/node-1/shop/orders-1a2b/nb-1-big-Data.db",
                    "cassandra/sstables/node-1/shop/orders-1a2b/schema.cql");
            assertThat(first.bytesUploaded()).isEqualTo(first.bytes()).isEqualTo(13 + 45);
            // sha256sum of the text "first sstable"
            assertThat(first.files().get(0).sha256()).isEqualTo("e91c63b96d7395134152d1caf77813a58285bb071e3e721c5c0f2ebcea621dbd");
            assertThat(NodeBackupPart.fromJson(store.getBytes(BackupLayout.nodePart("cassandra", "b1", "node-1")).orElseThrow()))
                    .isEqualTo(first);

            // the next snapshot holds the same sstable and a new one: only the new one is sent
            file("shop/orders-1a2b/snapshots/b2/nb-1-big-Data.db", "first sstable");
            file("shop/orders-1a2b/snapshots/b2/nb-2-big-Data.db", "second");
            NodeBackupPart second = backup.upload("b2", NODE, data, Set.of("shop"));
            assertThat(second.files()).hasSize(2);
            assertThat(second.bytes()).isEqualTo(13 + 6);
            assertThat(second.bytesUploaded()).isEqualTo(6);
            assertThat(said).last().asString().contains("node-1: 2 files, 19 bytes in backup b2, 6 bytes uploaded");
        }
    }

    private void file(String relative, String content) throws IOException {
        Path p = data.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
