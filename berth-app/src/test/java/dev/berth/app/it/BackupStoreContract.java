package dev.berth.app.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cassandra.backup.BackupStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BackupStore} does, whatever keeps its objects: {@link BackupStoreIT} runs these same tests
 * on a directory and on an S3 bucket of a real S3 server, each test on a store of its own.
 */
abstract class BackupStoreContract {
    @TempDir
    Path work;
    BackupStore store;

    /** A fresh, empty store for one test. */
    abstract BackupStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putIfAbsentSendsAFileOnceAndReplacesItWhenItsSizeDiffers() throws Exception {
        Path file = Files.write(work.resolve("nb-1-big-Data.db"), new byte[1024]);
        String key = "sstables/node-0/ks/tbl-1/nb-1-big-Data.db";

        assertThat(store.putIfAbsent(key, file)).isEqualTo(1024);
        assertThat(store.putIfAbsent(key, file)).isZero();
        assertThat(store.size(key)).contains(1024L);

        Files.write(file, new byte[1025]);
        assertThat(store.putIfAbsent(key, file)).isEqualTo(1025);
        assertThat(store.size(key)).contains(1025L);
    }

    @Test
    void bytesAreWrittenReadListedSizedAndDeleted() throws Exception {
        store.putBytes("backups/b1/manifest.json", "{\"name\":\"b1\"}".getBytes(UTF_8));
        store.putBytes("backups/b1/schema.cql", "CREATE KEYSPACE shop".getBytes(UTF_8));
        store.putBytes("backups/b10/manifest.json", "{}".getBytes(UTF_8));
        store.putBytes("backups/b1/manifest.json", "{\"name\":\"b1\",\"v\":2}".getBytes(UTF_8)); // replaced

        assertThat(store.getBytes("backups/b1/manifest.json").map(b -> new String(b, UTF_8)))
                .contains("{\"name\":\"b1\",\"v\":2}");
        assertThat(store.size("backups/b1/schema.cql")).contains(20L);
        assertThat(store.list("")).containsExactly("backups/b1/manifest.json", "backups/b1/schema.cql",
                "backups/b10/manifest.json");
        assertThat(store.list("backups/b1/")).containsExactly("backups/b1/manifest.json", "backups/b1/schema.cql");
        assertThat(store.list("backups/b1")).hasSize(3);

        Path target = work.resolve("restore/b1/schema.cql");
        store.download("backups/b1/schema.cql", target);
        assertThat(target).hasContent("CREATE KEYSPACE shop");

        assertThat(store.getBytes("backups/b1")).isEmpty(); // a folder, or a common prefix, is no object
        assertThat(store.size("backups/b1")).isEmpty();
        store.delete("backups/b1");
        assertThat(store.list("backups/b1/")).hasSize(2);

        store.delete("backups/b1/schema.cql");
        assertThat(store.list("")).containsExactly("backups/b1/manifest.json", "backups/b10/manifest.json");
        assertThat(store.getBytes("backups/b1/schema.cql")).isEmpty();
    }

    @Test
    void missingKeysAreEmptyOrANoSuchFileNamingTheKey() throws Exception {
        assertThat(store.getBytes("backups/none/manifest.json")).isEmpty();
        assertThat(store.size("backups/none/manifest.json")).isEmpty();
        assertThat(store.list("backups/none/")).isEmpty();
        assertThatThrownBy(() -> store.download("backups/none/manifest.json", work.resolve("m.json")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("backups/none/manifest.json");
        assertThat(work.resolve("m.json")).doesNotExist();
        store.delete("backups/none/manifest.json"); // nothing to delete: no error
    }

    @Test
    void aFiftyMegabyteFileComesBackByteForByte() throws Exception {
        Path file = work.resolve("nb-7-big-Data.db");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(17);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        String key = "sstables/node-0/ks/tbl-1/nb-7-big-Data.db";
        long start = System.nanoTime();
        assertThat(store.putIfAbsent(key, file)).isEqualTo(50L << 20);
        long up = System.nanoTime();
        Path back = work.resolve("restored/nb-7-big-Data.db");
        store.download(key, back);
        long down = System.nanoTime();
        System.out.printf("%s: 50 MiB up in %d ms, down in %d ms%n", store.describe(), (up - start) / 1_000_000,
                (down - up) / 1_000_000);
        assertThat(sha256(back)).isEqualTo(sha256(file));
        assertThat(store.putIfAbsent(key, file)).isZero();
    }

    @Test
    void listGivesEveryKeyPastOneThousandSorted() throws Exception {
        // S3 answers a listing 1,000 keys at a time: more than that must come from several pages
        List<String> keys = IntStream.range(0, 1_010).mapToObj(i -> String.format("many/k-%04d", i)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> {
                    store.putBytes(key, key.getBytes(UTF_8));
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        store.putBytes("other/k", new byte[] {1});
        assertThat(store.list("many/")).containsExactlyElementsOf(keys);
        assertThat(store.list("")).hasSize(1_011);
    }

    @Test
    void keysThatCouldLeaveTheStoreAreRefused() {
        for (String bad : List.of("../x", "/x", "a//b", "a/./b", "")) {
            assertThatThrownBy(() -> store.putBytes(bad, new byte[] {1})).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "' refused");
            assertThatThrownBy(() -> store.getBytes(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
