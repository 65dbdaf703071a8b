package dev.berth.cassandra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
    @TempDir
    Path data;

    @Test
    void findsTheTaggedSnapshotOfUserKeyspacesWithTheirIndexFilesAndNothingElse() throws IOException {
        file("shop/orders-1a2b/snapshots/b1/nb-1-big-Data.db");
        file("shop/orders-1a2b/snapshots/b1/nb-1-big-Index.db");
        file("shop/orders-1a2b/snapshots/b1/.orders_by_day/nb-1-big-Data.db");
        file("shop/orders-1a2b/snapshots/b0/nb-0-big-Data.db"); // another backup's snapshot
        file("shop/orders-1a2b/nb-2-big-Data.db"); // a live sstable, not in the snapshot
        file("system/local-7ad5/snapshots/b1/nb-1-big-Data.db");
        file("system_auth/roles-5bc5/snapshots/b1/nb-1-big-Data.db");
        file("logs/events-99ff/snapshots/b1/nb-3-big-Data.db");

        List<SnapshotFile> all = SnapshotFiles.find(data, "b1", Set.of());
        assertThat(all).extracting(f -> f.keyspace() + "/" + f.table() + "/" + f.name()).containsExactly(
                "logs/events-99ff/nb-3-big-Data.db",
                "shop/orders-1a2b/.orders_by_day/nb-1-big-Data.db",
                "shop/orders-1a2b/nb-1-big-Data.db",
                "shop/orders-1a2b/nb-1-big-Index.db");
        assertThat(SnapshotFiles.find(data, "b1", Set.of("logs"))).extracting(SnapshotFile::keyspace).containsExactly("logs");
        assertThat(SnapshotFiles.find(data, "b9", Set.of())).isEmpty();
    }

    @Test
    void aTaskThatDoesNotSeeItsVolumeSaysSo() {
        assertThatThrownBy(() -> SnapshotFiles.find(data.resolve("missing"), "b1", Set.of()))
                .hasMessageContaining("no data directory").hasMessageContaining("missing");
    }

    private void file(String relative) throws IOException {
        Path p = data.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
    }
}
