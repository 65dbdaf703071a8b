package dev.berth.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.access.ClusterSecret;
import dev.berth.core.access.SecretCipher;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.sdk.state.ZkStateStore;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters over one real ZooKeeper, each believing it leads: the one of epoch 1 (deposed, say after a
 * GC pause) and the one of epoch 2. Every registry commit and state-store write of epoch 1 made after epoch
 * 2 began is refused and changes nothing; those of epoch 2 land. Without the fence (before this change)
 * the stale writes landed and overwrote the new leader's state.
 */
class LeaderEpochFencingTest {
    static TestingServer zk;
    private static int roots;

    @TempDir
    Path tmp;
    private CuratorFramework stale;
    private CuratorFramework leader;
    private String root;
    private SecretCipher cipher;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
    }

    @BeforeEach
    void clients() {
        stale = client();
        leader = client();
        root = "/fencing-" + (++roots);
        cipher = ClusterSecret.readOrCreate(tmp.resolve("secret")).secretsCipher();
    }

    @AfterEach
    void close() {
        stale.close();
        leader.close();
    }

    static CuratorFramework client() {
        CuratorFramework c = CuratorFrameworkFactory.newClient(zk.getConnectString(), new ExponentialBackoffRetry(100, 3));
        c.start();
        return c;
    }

    static FrameworkInfo framework(String id) {
        return new FrameworkInfo(Optional.of(id), id, Role.of("r"), Principal.of("p"), null);
    }

    @Test
    void epochsGrowByOneFromOneAndSurviveTheMastersThatClaimedThem() throws Exception {
        assertThat(LeaderEpoch.current(stale, root)).isEmpty();
        LeaderEpoch first = LeaderEpoch.claim(stale, root);
        LeaderEpoch second = LeaderEpoch.claim(leader, root);
        LeaderEpoch third = LeaderEpoch.claim(stale, root);
        System.out.printf("epochs claimed: %d, %d, %d (znode versions %d, %d, %d)%n", first.number(), second.number(),
                third.number(), first.version(), second.version(), third.version());
        assertThat(List.of(first.number(), second.number(), third.number())).containsExactly(1L, 2L, 3L);
        assertThat(third.version()).isGreaterThan(second.version()).isGreaterThan(first.version());
        try (CuratorFramework later = client()) {
            assertThat(LeaderEpoch.current(later, root)).contains(3L);
        }
    }

    @Test
    void aCorruptEpochIsNamedNotOverwritten() throws Exception {
        leader.create().creatingParentsIfNeeded().forPath(LeaderEpoch.pathUnder(root), "x1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> LeaderEpoch.claim(leader, root))
                .hasMessageContaining(root + "/epoch holds 'x1', not a number");
    }

    @Test
    void theRegistryRefusesTheDeposedLeaderAndTakesTheNewOne() {
        List<FencedException> reported = new ArrayList<>();
        EpochFence one = new EpochFence(stale, LeaderEpoch.claim(stale, root), reported::add);
        ZkRegistry staleRegistry = new ZkRegistry(stale, root, one);
        staleRegistry.commit(new RegistryChange().put(framework("fw-before")));
        assertThat(staleRegistry.epoch()).isEqualTo(1);

        EpochFence two = new EpochFence(leader, LeaderEpoch.claim(leader, root), e -> { });
        ZkRegistry registry = new ZkRegistry(leader, root, two);
        assertThat(registry.epoch()).isEqualTo(2);

        assertThatThrownBy(() -> staleRegistry.commit(new RegistryChange().put(framework("fw-stale"))
                .removeFramework("fw-before")))
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("leadership epoch 1 has ended (the epoch in ZooKeeper at " + root + "/epoch is 2)");
        registry.commit(new RegistryChange().put(framework("fw-new")));
        // refused at once from now on, and reported to the master once
        assertThatThrownBy(() -> staleRegistry.commit(new RegistryChange().put(framework("fw-stale-2"))))
                .isInstanceOf(FencedException.class);

        var frameworks = registry.load().frameworks().keySet();
        System.out.printf("registry after epoch 1's two refused commits and epoch 2's one: frameworks %s;"
                + " fencing reported %d time(s), epoch %d%n", frameworks, reported.size(), reported.get(0).epoch());
        assertThat(frameworks).containsExactlyInAnyOrder("fw-before", "fw-new");
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).epoch()).isEqualTo(1);
        assertThat(one.isFenced()).isTrue();
        assertThat(two.isFenced()).isFalse();
    }

    @Test
    void theStateStoreRefusesTheDeposedLeaderAndTakesTheNewOne() {
        EpochFence one = new EpochFence(stale, LeaderEpoch.claim(stale, root), e -> { });
        ZkStateStore staleStore = new ZkStateStore(stale, root, "kafka", cipher, one::commit);
        staleStore.storeFrameworkId("fw-1");
        staleStore.storePodInstance(pod("broker-0", "agent-a"));

        EpochFence two = new EpochFence(leader, LeaderEpoch.claim(leader, root), e -> { });
        ZkStateStore store = new ZkStateStore(leader, root, "kafka", cipher, two::commit);
        store.storePodInstance(pod("broker-0", "agent-b"));
        store.storeSecret("password", "new");

        assertThatThrownBy(() -> staleStore.storePodInstance(pod("broker-0", "agent-a")))
                .isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> staleStore.storeSecret("password", "stale")).isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> staleStore.removePodInstance("broker-0")).isInstanceOf(FencedException.class);
        assertThatThrownBy(staleStore::clear).isInstanceOf(FencedException.class);
        // a service the deposed leader would install leaves not even an empty folder behind
        ZkStateStore staleNewService = new ZkStateStore(stale, root, "cassandra", cipher, one::commit);
        assertThatThrownBy(() -> staleNewService.storeFrameworkId("fw-9")).isInstanceOf(FencedException.class);

        List<String> services = ZkStateStore.services(leader, root);
        String podAgent = store.podInstances().get("broker-0").agentId();
        String password = store.secrets().value("password").orElseThrow();
        System.out.printf("state store after 5 refused writes of epoch 1: services %s, broker-0 on %s, password '%s',"
                + " framework id %s%n", services, podAgent, password, store.frameworkId().orElse("-"));
        assertThat(services).containsExactly("kafka");
        assertThat(podAgent).isEqualTo("agent-b");
        assertThat(password).isEqualTo("new");
        assertThat(store.frameworkId()).contains("fw-1");

        store.clear();
        assertThat(ZkStateStore.services(leader, root)).isEmpty();
    }

    private static PodInstanceRecord pod(String name, String agentId) {
        return new PodInstanceRecord(name, "broker", 0, agentId, "h", "127.0.0.2", null, null, null, null, null);
    }
}
