package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.state.FencedException;
import dev.berth.reservations.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two master processes on one real ZooKeeper. The leader's session ends (as in a partition) while its
 * election thread is held (as in a GC pause), so it has not yet heard that it lost the lead: it still
 * runs its master and answers calls. The standby takes over in epoch 2; the old leader's next write is
 * refused, changes nothing, and makes it stand by.
 */
class MasterNodeFencingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private TestingServer zk;
    private MasterNode a;
    private MasterNode b;

    @AfterEach
    void stop() throws Exception {
        for (MasterNode n : new MasterNode[] {a, b}) {
            if (n != null) {
                n.close();
            }
        }
        if (zk != null) {
            zk.close();
        }
    }

    private MasterNode node(String url, MasterHolder holder, ClusterSecret secret) throws Exception {
        MasterNode n = new MasterNode(zk.getConnectString(), "/berth", url, MasterConfig.defaults(), holder, secret,
                Duration.ofSeconds(3))
                .withBootstrap(new AccessBootstrap(List.of()).withRules(List.of(
                        AclRule.allow(AclRule.ANY, Action.REGISTER_AGENT, AclRule.ANY))));
        n.start();
        return n;
    }

    private static AgentInfo agent(String host) {
        return new AgentInfo("-", host, "127.0.0.2", Resources.parse("cpus:1;mem:128"), Map.of());
    }

    @Test
    void aDeposedLeaderThatDidNotNoticeCanNeitherWriteNorPassForTheLeader() throws Exception {
        zk = new TestingServer(true);
        ClusterSecret secret = ClusterSecret.readOrCreate(tmp.resolve("secret"));
        MasterHolder holderA = new MasterHolder();
        MasterHolder holderB = new MasterHolder();
        a = node("http://a", holderA, secret);
        await().atMost(WAIT).until(() -> holderA.current().isPresent());
        b = node("http://b", holderB, secret);
        Master oldLeader = holderA.current().orElseThrow();
        AgentRegistered early = oldLeader.registerAgent("agents", Optional.empty(), agent("early-host"), List.of()).join();
        assertThat(early.epoch()).isEqualTo(1);

        Throwable refused;
        Master leader;
        synchronized (a) { // a's election thread blocks here on its way to stand by: a GC pause, to a
            expireSession(a.curator());
            await().atMost(WAIT).until(() -> holderB.current().isPresent());
            leader = holderB.current().orElseThrow();
            assertThat(holderA.current()).as("a has not noticed yet").containsSame(oldLeader);
            refused = oldLeader.registerAgent("agents", Optional.empty(), agent("zombie-host"), List.of())
                    .handle((ok, e) -> e).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        AgentRegistered fresh = leader.registerAgent("agents", Optional.empty(), agent("leader-host"), List.of()).join();
        await().atMost(WAIT).until(() -> holderA.current().isEmpty());

        List<String> stored = storedAgents(secret);
        System.out.printf("epochs: old leader %d, new leader %d; the old leader's write: %s; agents in ZooKeeper: %s;"
                + " a leads: %s, b leads: %s%n", oldLeader.epoch(), leader.epoch(), refused, stored, a.isLeader(),
                b.isLeader());
        assertThat(refused).isInstanceOf(FencedException.class)
                .hasMessageContaining("leadership epoch 1 has ended");
        assertThat(leader.epoch()).isEqualTo(2);
        assertThat(fresh.epoch()).isEqualTo(2);
        assertThat(stored).hasSize(2).anyMatch(id -> id.startsWith("early-host"))
                .anyMatch(id -> id.startsWith("leader-host")).noneMatch(id -> id.startsWith("zombie-host"));
        assertThat(b.isLeader()).isTrue();
        assertThat(a.isLeader()).isFalse();
    }

    /** Ends a client's session on the server, as ZooKeeper does when the client is cut off for too long. */
    private void expireSession(CuratorFramework client) throws Exception {
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(zk.getConnectString(), 3_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, handle.getSessionId(), handle.getSessionPasswd());
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        twin.close(); // closing the session's twin closes the session itself
    }

    private List<String> storedAgents(ClusterSecret secret) throws Exception {
        try (CuratorFramework c = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                .retryPolicy(new ExponentialBackoffRetry(100, 3))
                .authorization("digest", ("berth:" + secret.zooKeeperPassword()).getBytes(StandardCharsets.UTF_8)).build()) {
            c.start();
            return c.getChildren().forPath("/berth/registry/agents");
        }
    }
}
