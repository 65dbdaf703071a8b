package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.master.MasterConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State written before Berth protected it (open znodes, a secret in plain text) is closed and sealed by
 * the first master that leads over it: afterwards a ZooKeeper client without the masters' identity can
 * neither read nor change it, and the secret is encrypted, with the same value for the service.
 */
class OpenStateClosedTest {
    @TempDir
    Path tmp;

    @Test
    void aNewLeaderClosesOpenZnodesAndEncryptsPlainSecrets() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework anyone = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            anyone.start();
            String secretPath = "/berth/services/vault/secrets/admin_password";
            anyone.create().creatingParentsIfNeeded().forPath(secretPath, "s3cret-from-before".getBytes(StandardCharsets.UTF_8));
            anyone.create().creatingParentsIfNeeded().forPath("/berth/leftover/note", "any".getBytes(StandardCharsets.UTF_8));
            ClusterSecret secret = ClusterSecret.readOrCreate(tmp.resolve("secret"));
            MasterHolder holder = new MasterHolder();

            try (MasterNode node = new MasterNode(zk.getConnectString(), "/berth", "http://a", MasterConfig.defaults(), holder,
                    secret, Duration.ofSeconds(3)).withBootstrap(new AccessBootstrap(List.of()))) {
                node.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> holder.current().isPresent());

                assertThatThrownBy(() -> anyone.getData().forPath(secretPath)).isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> anyone.getChildren().forPath("/berth/services/vault/secrets"))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> anyone.setData().forPath("/berth/leftover/note", new byte[0]))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                String stored = new String(node.curator().getData().forPath(secretPath), StandardCharsets.UTF_8);
                assertThat(SecretCipher.isSealed(stored)).as(stored).isTrue();
                assertThat(secret.secretsCipher().decrypt(stored)).isEqualTo("s3cret-from-before");
            }
        }
    }
}
