package dev.berth.core.sdk.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.state.EpochFence;
import dev.berth.core.state.LeaderEpoch;
import java.nio.file.Path;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that a new leader prefetches answers as ZooKeeper does, and its own writes show at once. */
class ZkStateStorePrefetchTest {
    @TempDir
    Path keys;

    @Test
    void aPrefetchedStoreAnswersWhatZooKeeperHoldsAndSeesItsOwnWrites() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework c = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(100, 3))) {
            c.start();
            SecretCipher cipher = ClusterSecret.readOrCreate(keys.resolve("secret")).secretsCipher();
            EpochFence term = new EpochFence(c, LeaderEpoch.claim(c, "/b"), e -> { });
            ZkStateStore before = new ZkStateStore(c, "/b", "kafka", cipher, term::commit);
            before.storeFrameworkId("fw-1");
            before.storePodInstance(pod("broker-0"));
            before.storePodInstance(pod("broker-1"));

            ZkStateStore store = new ZkStateStore(c, "/b", "kafka", cipher, term::commit).prefetch();
            assertThat(store.frameworkId()).contains("fw-1");
            assertThat(store.podInstances()).containsOnlyKeys("broker-0", "broker-1");
            assertThat(store.tasks()).isEmpty();
            assertThat(store.plans()).isEmpty();
            assertThat(store.target()).isEmpty();

            store.removePodInstance("broker-1");
            store.storeFrameworkId("fw-2");
            assertThat(store.podInstances()).containsOnlyKeys("broker-0");
            assertThat(store.frameworkId()).contains("fw-2");

            ZkStateStore none = new ZkStateStore(c, "/b", "cassandra", cipher, term::commit).prefetch();
            assertThat(none.frameworkId()).isEmpty();
            assertThat(none.podInstances()).isEmpty();
        }
    }

    private static PodInstanceRecord pod(String name) {
        return new PodInstanceRecord(name, "broker", 0, "agent-a", "h", "127.0.0.2", null, null, null, null, null);
    }
}
