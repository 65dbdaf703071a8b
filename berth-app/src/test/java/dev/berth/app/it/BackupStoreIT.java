package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.cassandra.backup.BackupLocation;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.BackupStores;
import dev.berth.cassandra.backup.StoreCredentials;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backup store's contract ({@link BackupStoreContract}) on a directory and on a bucket of a real S3 server
 * (S3Proxy as a process, {@link S3ProxyServer}), and what only S3 can get wrong: a missing bucket, refused
 * credentials (whose secret no message shows) and a key prefix.
 */
class BackupStoreIT {
    private static final String BUCKET = "berth-backups";
    private static final AtomicInteger STORES = new AtomicInteger();

    @TempDir
    static Path serverDir;
    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(serverDir);
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Nested
    class OnADirectory extends BackupStoreContract {
        @Override
        BackupStore openStore() throws Exception {
            return BackupStores.open(BackupLocation.parse("file://" + work.resolve("store"), null, null), Optional.empty());
        }
    }

    @Nested
    class OnS3 extends BackupStoreContract {
        @Override
        BackupStore openStore() throws Exception {
            // a prefix of its own per test: one bucket, stores that do not see each other
            return BackupStores.open(BackupLocation.parse("s3://" + BUCKET + "/test-" + STORES.incrementAndGet(),
                    s3.endpoint(), null), Optional.of(s3.credentials()));
        }

        @Test
        void objectsLiveUnderTheLocationsPrefixAndKeysComeBackWithoutIt() throws Exception {
            try (BackupStore prod = BackupStores.open(BackupLocation.parse("s3://" + BUCKET + "/cassandra/prod/",
                    s3.endpoint(), "us-east-1"), Optional.of(s3.credentials()))) {
                prod.putBytes("backups/b1/manifest.json", new byte[] {1});
                assertThat(prod.list("")).containsExactly("backups/b1/manifest.json");
                assertThat(prod.describe()).contains(BUCKET).contains("cassandra/prod/").contains(s3.endpoint());
            }
            try (S3Client client = s3.client()) {
                List<String> raw = new ArrayList<>();
                client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("cassandra/")).contents()
                        .forEach((S3Object o) -> raw.add(o.key()));
                assertThat(raw).containsExactly("cassandra/prod/backups/b1/manifest.json");
            }
        }

        @Test
        void aFileLargerThanTheUploadersHeapIsStreamed() throws Exception {
            Path file = work.resolve("nb-9-big-Data.db");
            long size = 300L << 20;
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(size); // reads as zeros, takes no disk until the server stores its copy
            }
            String location = "s3://" + BUCKET + "/test-large";
            ProcessBuilder upload = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), BackupUpload.class.getName(),
                    location, s3.endpoint(), "sstables/nb-9-big-Data.db", file.toString())
                    .redirectErrorStream(true);
            upload.environment().put("BACKUP_ACCESS_KEY", s3.credentials().accessKey());
            upload.environment().put("BACKUP_SECRET_KEY", s3.credentials().secretKey());
            long start = System.nanoTime();
            Process process = upload.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.printf("300 MiB from a JVM with a 64 MiB heap in %d ms: %s%n",
                    (System.nanoTime() - start) / 1_000_000, output.lines().filter(l -> l.startsWith("sent")).findFirst().orElse(output));
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("sent " + size + " bytes");
            try (BackupStore large = BackupStores.open(BackupLocation.parse(location, s3.endpoint(), null),
                    Optional.of(s3.credentials()))) {
                assertThat(large.size("sstables/nb-9-big-Data.db")).contains(size);
                large.delete("sstables/nb-9-big-Data.db");
            }
        }

        @Test
        void aMissingBucketIsNamed() {
            assertThatThrownBy(() -> BackupStores.open(BackupLocation.parse("s3://no-such-bucket/x", s3.endpoint(), null),
                    Optional.of(s3.credentials())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist at " + s3.endpoint());
        }

        @Test
        void refusedCredentialsNameTheAccessKeyAndNeverASecret() {
            String wrongSecret = "wrong-" + s3.credentials().secretKey();
            StoreCredentials wrong = new StoreCredentials(s3.credentials().accessKey(), wrongSecret);
            IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> BackupStores.open(BackupLocation.parse("s3://" + BUCKET, s3.endpoint(), null), Optional.of(wrong)));
            assertThat(refused).hasMessageContaining("bucket '" + BUCKET + "'")
                    .hasMessageContaining("access key '" + wrong.accessKey() + "'")
                    .hasMessageContaining("check the service's backup credentials");
            for (Throwable t = refused; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()) + t).doesNotContain(wrongSecret)
                        .doesNotContain(s3.credentials().secretKey());
            }
            System.out.println("refused credentials: " + refused.getMessage());
        }
    }
}
