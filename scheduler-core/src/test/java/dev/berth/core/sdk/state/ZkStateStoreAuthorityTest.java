package dev.berth.core.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.json.BerthJson;
import dev.berth.core.state.EpochFence;
import dev.berth.core.state.LeaderEpoch;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's CA in ZooKeeper: one for every service under a root, made once, its key sealed. */
class ZkStateStoreAuthorityTest {
    @TempDir
    Path keys;
    TestingServer zk;
    CuratorFramework curator;
    SecretCipher cipher;
    EpochFence term;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(100, 3));
        curator.start();
        cipher = ClusterSecret.readOrCreate(keys.resolve("secret")).secretsCipher();
        term = new EpochFence(curator, LeaderEpoch.claim(curator, "/b"), e -> { });
    }

    @AfterEach
    void stop() throws Exception {
        curator.close();
        zk.close();
    }

    ZkStateStore store(String root, String service) {
        return new ZkStateStore(curator, root, service, cipher, term::commit);
    }

    @Test
    void everyServiceUnderOneRootGetsTheSameCaAndANewStoreReadsItBack() throws Exception {
        CertificateAuthority kafka = store("/b", "kafka").certificateAuthority();
        CertificateAuthority cassandra = store("/b", "cassandra").certificateAuthority();
        CertificateAuthority readAgain = store("/b", "kafka").certificateAuthority();

        assertThat(cassandra.certificate()).isEqualTo(kafka.certificate());
        assertThat(readAgain.certificate()).isEqualTo(kafka.certificate());
        // the key came back too: what the read authority issues, the first one's certificate verifies
        X509Certificate issued = Pem.readCertificate(readAgain.issue("broker-0.kafka", List.of("10.0.0.7"), Instant.now(),
                Duration.ofDays(1)).certificatePem());
        issued.verify(kafka.publicKey());
        assertThat(kafka.certificate().getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3000)));
    }

    @Test
    void zooKeeperHoldsTheCertificateReadablyButTheKeyOnlySealed() throws Exception {
        CertificateAuthority ca = store("/b", "kafka").certificateAuthority();

        byte[] stored = curator.getData().forPath("/b/tls/ca");
        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("PRIVATE KEY");
        // no line of the key's PEM is there in clear
        for (String line : ca.keyPem().split("\n")) {
            if (!line.startsWith("-----")) {
                assertThat(text).doesNotContain(line);
            }
        }
        SealedAuthority sealed = BerthJson.fromBytes(stored, SealedAuthority.class);
        assertThat(Pem.readCertificate(sealed.certificate())).isEqualTo(ca.certificate());
        assertThat(cipher.decrypt(sealed.key())).isEqualTo(ca.keyPem());
    }

    @Test
    void twoServicesAskingAtOnceEndWithOneCa() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String root = "/race-" + round;
                ZkStateStore kafka = store(root, "kafka");
                ZkStateStore cassandra = store(root, "cassandra");
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<CertificateAuthority> a = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return kafka.certificateAuthority();
                }, threads);
                CompletableFuture<CertificateAuthority> b = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return cassandra.certificateAuthority();
                }, threads);

                X509Certificate first = a.get(30, TimeUnit.SECONDS).certificate();
                assertThat(b.get(30, TimeUnit.SECONDS).certificate()).as("round %d", round).isEqualTo(first);
                assertThat(store(root, "other").certificateAuthority().certificate()).isEqualTo(first);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
