package dev.berth.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.api.NotLeaderException;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.state.LeaderEpoch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters on one real ZooKeeper whose registry holds a znode that does not parse. This corruption is
 * real, so it is not only the first master's: the second trips on it too. What the test shows is what the
 * masters do about it: each takeover fails, the master says why (its 503 names the znode), gives up the
 * latch within moments and so lets the other master try; none ever holds the latch for long without leading,
 * and none sends callers to itself. Once the znode is repaired, a master leads without being restarted, and
 * the other one's 503 names it.
 */
class MasterNodeTakeoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration CORRUPT_FOR = Duration.ofSeconds(6);
    private static final String CORRUPT = "/berth/registry/agents/agent-corrupt";

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

    @Test
    void mastersThatCannotReadACorruptZnodeLeaveTheElectionSayWhyAndOneLeadsOnceItIsRepaired() throws Exception {
        zk = new TestingServer(true);
        ClusterSecret secret = ClusterSecret.readOrCreate(tmp.resolve("secret"));
        try (CuratorFramework admin = client(secret)) {
            admin.create().creatingParentsIfNeeded().forPath(CORRUPT,
                    "{\"info\": {\"id\": \"agent-corr".getBytes(StandardCharsets.UTF_8)); // cut off mid-write
        }
        Watched wa = new Watched("http://a", new MasterHolder());
        Watched wb = new Watched("http://b", new MasterHolder());
        a = node(wa);
        b = node(wb);

        long until = System.nanoTime() + CORRUPT_FOR.toNanos();
        while (System.nanoTime() < until) {
            wa.sample(a);
            wb.sample(b);
            Thread.sleep(10);
        }
        long failedTakeovers = epoch(secret);
        System.out.printf("while %s did not parse (%d ms): %d takeovers failed; longest a master held the latch without"
                        + " leading: a %d ms, b %d ms; 503s naming the master itself as leader: a %d, b %d;%n a said: %s;%n"
                        + " b said: %s%n", CORRUPT, CORRUPT_FOR.toMillis(), failedTakeovers, wa.longestHeldMs,
                wb.longestHeldMs, wa.namedItself, wb.namedItself, wa.said, wb.said);
        assertThat(wa.namedItself + wb.namedItself).as("503s that send callers to the master that answers").isZero();
        assertThat(List.of(wa.longestHeldMs, wb.longestHeldMs)).as("ms a master held the latch without leading")
                .allMatch(ms -> ms < 1_000);
        assertThat(List.of(wa.said, wb.said)).as("what each master's 503 said while the znode was corrupt")
                .allMatch(said -> said.contains("cannot lead") && said.contains(CORRUPT));
        assertThat(failedTakeovers).as("takeovers tried (each claims an epoch) while the znode was corrupt")
                .isGreaterThanOrEqualTo(4);

        try (CuratorFramework admin = client(secret)) {
            admin.delete().forPath(CORRUPT); // the repair: the agent registers again when it next polls
        }
        long repaired = System.nanoTime();
        await().atMost(WAIT).until(() -> wa.holder.current().isPresent() || wb.holder.current().isPresent());
        long ledAfterMs = (System.nanoTime() - repaired) / 1_000_000;
        Watched leader = wa.holder.current().isPresent() ? wa : wb;
        Watched other = leader == wa ? wb : wa;
        await().atMost(WAIT).until(() -> other.notLeader().flatMap(NotLeaderException::leader).equals(Optional.of(leader.url)));
        System.out.printf("after the repair %s led in %d ms in epoch %d; %s's 503: %s%n", leader.url, ledAfterMs,
                epoch(secret), other.url, other.notLeader().map(Throwable::getMessage).orElse("-"));
    }

    @Test
    void aMasterThatKeepsFailingWaitsLongerEachTimeUpToTheCeiling() {
        TakeoverBackoff backoff = TakeoverBackoff.defaults();
        List<Long> seconds = IntStream.rangeClosed(1, 7).mapToObj(n -> backoff.after(n).toSeconds()).toList();
        System.out.println("seconds out of the election after 1..7 failed takeovers in a row: " + seconds);
        assertThat(seconds).containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    /** What one master showed while the znode was corrupt, sampled every few milliseconds. */
    private static final class Watched {
        final String url;
        final MasterHolder holder;
        long heldSince = -1;
        long longestHeldMs;
        int namedItself;
        String said = "";

        Watched(String url, MasterHolder holder) {
            this.url = url;
            this.holder = holder;
        }

        void sample(MasterNode node) {
            long now = System.nanoTime();
            boolean heldWithoutLeading = node.isLeader() && holder.current().isEmpty();
            if (heldWithoutLeading && heldSince < 0) {
                heldSince = now;
            } else if (!heldWithoutLeading) {
                heldSince = -1;
            }
            if (heldSince >= 0) {
                longestHeldMs = Math.max(longestHeldMs, (now - heldSince) / 1_000_000);
            }
            notLeader().ifPresent(e -> {
                if (e.leader().equals(Optional.of(url))) {
                    namedItself++;
                }
                if (e.getMessage().contains("cannot lead")) {
                    said = e.getMessage();
                }
            });
        }

        /** The 503 this master answers now; empty while it leads. */
        Optional<NotLeaderException> notLeader() {
            try {
                holder.leader();
                return Optional.empty();
            } catch (NotLeaderException e) {
                return Optional.of(e);
            }
        }
    }

    private MasterNode node(Watched w) throws Exception {
        MasterNode n = new MasterNode(zk.getConnectString(), "/berth", w.url, MasterConfig.defaults(), w.holder,
                ClusterSecret.readOrCreate(tmp.resolve("secret")), Duration.ofSeconds(3))
                .withBootstrap(AccessBootstrap.NONE)
                .withTakeoverBackoff(new TakeoverBackoff(Duration.ofMillis(500), Duration.ofSeconds(1)));
        n.start();
        return n;
    }

    private long epoch(ClusterSecret secret) throws Exception {
        try (CuratorFramework c = client(secret)) {
            return LeaderEpoch.current(c, "/berth").orElse(0L);
        }
    }

    private CuratorFramework client(ClusterSecret secret) {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                .retryPolicy(new ExponentialBackoffRetry(100, 3))
                .authorization("digest", ("berth:" + secret.zooKeeperPassword()).getBytes(StandardCharsets.UTF_8)).build();
        c.start();
        return c;
    }
}
