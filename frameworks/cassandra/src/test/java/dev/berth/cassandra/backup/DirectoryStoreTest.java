package dev.berth.cassandra.backup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreTest {
    @TempDir
    Path dir;
    Path root;
    BackupStore store;

    @BeforeEach
    void open() throws Exception {
        root = dir.resolve("backups/cassandra");
        store = BackupStores.open(BackupLocation.parse("file://" + root, null, null), Optional.empty());
    }

    @Test
    void putIfAbsentSendsAFileOnceAndAgainOnlyWhenItsSizeDiffers() throws Exception {
        Path file = Files.writeString(dir.resolve("nb-1-big-Data.db"), "sstable bytes");
        String key = "sstables/node-0/ks/tbl/nb-1-big-Data.db";

        assertThat(store.putIfAbsent(key, file)).isEqualTo(13);
        assertThat(store.putIfAbsent(key, file)).isZero();
        assertThat(store.size(key)).contains(13L);

        Files.writeString(file, "sstable bytes, longer");
        assertThat(store.putIfAbsent(key, file)).isEqualTo(21);
        assertThat(store.getBytes(key)).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("sstable bytes, longer"));
    }

    @Test
    void bytesAreReplacedReadAndDeleted() throws Exception {
        store.putBytes("backups/b1/manifest.json", "{\"v\":1}".getBytes(UTF_8));
        store.putBytes("backups/b1/manifest.json", "{\"v\":2}".getBytes(UTF_8));
        assertThat(store.getBytes("backups/b1/manifest.json")).hasValueSatisfying(
                b -> assertThat(new String(b, UTF_8)).isEqualTo("{\"v\":2}"));
        assertThat(store.getBytes("backups/b2/manifest.json")).isEmpty();
        assertThat(store.size("backups/b2/manifest.json")).isEmpty();

        store.delete("backups/b1/manifest.json");
        store.delete("backups/b1/manifest.json"); // nothing there: no error
        assertThat(store.getBytes("backups/b1/manifest.json")).isEmpty();
        assertThat(root.resolve("backups")).doesNotExist(); // emptied folders go, the root stays
        assertThat(root).isDirectory();
    }

    @Test
    void listGivesEveryKeyUnderAPrefixSorted() throws Exception {
        for (String key : List.of("backups/b2/manifest.json", "backups/b1/schema.cql", "backups/b1/manifest.json",
                "backups/b10/manifest.json", "sstables/node-0/ks/tbl/.tbl_idx/nb-1-big-Data.db")) {
            store.putBytes(key, new byte[] {1});
        }
        assertThat(store.list("")).containsExactly("backups/b1/manifest.json", "backups/b1/schema.cql",
                "backups/b10/manifest.json", "backups/b2/manifest.json", "sstables/node-0/ks/tbl/.tbl_idx/nb-1-big-Data.db");
        assertThat(store.list("backups/b1/")).containsExactly("backups/b1/manifest.json", "backups/b1/schema.cql");
        assertThat(store.list("backups/b1")).containsExactly("backups/b1/manifest.json", "backups/b1/schema.cql",
                "backups/b10/manifest.json");
        assertThat(store.list("backups/b1/manifest.json")).containsExactly("backups/b1/manifest.json");
        assertThat(store.list("nothing/here/")).isEmpty();
    }

    @Test
    void downloadWritesTheObjectCreatingParentsAndNamesAMissingKey() throws Exception {
        store.putBytes("sstables/n/a-Data.db", "abc".getBytes(UTF_8));
        Path target = dir.resolve("restore/ks/tbl/a-Data.db");
        store.download("sstables/n/a-Data.db", target);
        assertThat(target).hasContent("abc");

        store.putBytes("sstables/n/a-Data.db", "abcd".getBytes(UTF_8));
        store.download("sstables/n/a-Data.db", target); // replaces
        assertThat(target).hasContent("abcd");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target); // no part file left behind
        }

        assertThatThrownBy(() -> store.download("sstables/n/missing-Data.db", dir.resolve("x")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("sstables/n/missing-Data.db")
                .hasMessageContaining(root.toString());
    }

    @Test
    void whatTheStoreCreatesIsTheOwnersOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "data");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        store.putIfAbsent("sstables/node-0/f", file);
        store.putBytes("backups/b1/manifest.json", new byte[] {1});

        for (Path d : List.of(dir.resolve("backups"), root, root.resolve("sstables"), root.resolve("sstables/node-0"),
                root.resolve("backups/b1"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwx------");
        }
        for (Path f : List.of(root.resolve("sstables/node-0/f"), root.resolve("backups/b1/manifest.json"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void aFileBeingWrittenIsNotSeenUnderItsKeyUntilItIsComplete() throws Exception {
        // a named pipe as the source: the store reads what the test writes, and waits for the rest
        Path pipe = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        byte[] half = new byte[1 << 20];
        Arrays.fill(half, (byte) 7);

        CompletableFuture<Long> put = CompletableFuture.supplyAsync(() -> {
            try {
                return store.putIfAbsent("sstables/n/big-Data.db", pipe);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // should the store fail before it opens the pipe, open it here, so the test's own open below returns
        put.whenComplete((sent, failure) -> {
            if (failure != null) {
                try (var unblock = Files.newInputStream(pipe)) {
                    unblock.close();
                } catch (java.io.IOException ignored) {
                    // the open alone is what the writer waits for
                }
            }
        });
        try (OutputStream out = Files.newOutputStream(pipe)) {
            // a pipe holds 64 KiB: once this write returns the store has read most of the first MiB
            out.write(half);
            out.flush();
            Path incoming = root.resolve(BackupKeys.INCOMING);
            try (Stream<Path> parts = Files.list(incoming)) {
                assertThat(parts.mapToLong(p -> p.toFile().length()).sum()).isGreaterThan(half.length / 2);
            }
            assertThat(store.list("")).isEmpty();
            assertThat(store.size("sstables/n/big-Data.db")).isEmpty();
            assertThat(store.getBytes("sstables/n/big-Data.db")).isEmpty();
            out.write(half);
        }
        assertThat(put.get(30, TimeUnit.SECONDS)).isEqualTo(2L * half.length);
        assertThat(store.size("sstables/n/big-Data.db")).contains(2L * half.length);
        try (Stream<Path> parts = Files.list(root.resolve(BackupKeys.INCOMING))) {
            assertThat(parts).isEmpty();
        }
    }

    @Test
    void partsThatDeadWritersLeftADayAgoGoWhenTheStoreOpensAgain() throws Exception {
        Path incoming = Files.createDirectories(root.resolve(BackupKeys.INCOMING));
        Path abandoned = Files.writeString(incoming.resolve("nb-1-big-Data.db.123.part"), "half");
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(25))));
        Path current = Files.writeString(incoming.resolve("nb-2-big-Data.db.456.part"), "being written");

        BackupStores.open(BackupLocation.parse(root.toString(), null, null), Optional.empty()).close();
        assertThat(abandoned).doesNotExist();
        assertThat(current).exists();
    }

    @Test
    void badKeysAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        for (String bad : List.of("../escape", "/etc/passwd", "a//b", "a/", "", "a/../../b", BackupKeys.INCOMING + "/x")) {
            assertThatThrownBy(() -> store.putIfAbsent(bad, file)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' refused");
            assertThatThrownBy(() -> store.getBytes(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
        assertThat(dir.resolve("backups/escape")).doesNotExist();
    }

    @Test
    void aLocationThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> BackupStores.open(BackupLocation.parse(file.toString(), null, null), Optional.empty()))
                .hasMessageContaining("backup.location").hasMessageContaining(file.toString());
    }
}
