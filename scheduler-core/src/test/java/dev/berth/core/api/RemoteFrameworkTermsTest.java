package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.access.AccessBootstrap;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.ClusterSecret;
import dev.berth.core.master.Master;
import dev.berth.core.master.MasterConfig;
import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.runtime.MasterNode;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Role;
import jakarta.ws.rs.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One master process loses the lead and takes it again: its ZooKeeper server goes away for a moment, the
 * master stands by, and when ZooKeeper is back it leads again with a new {@link Master} (a new term). A remote
 * framework registered in the first term still polls with its session: it must be told to register again
 * (404), not served from the first term's queue, which nothing fills any more. Registered again with its id,
 * it gets its events from the new term.
 */
class RemoteFrameworkTermsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PRINCIPAL = "kafka-principal";

    @TempDir
    Path tmp;
    private TestingServer zk;
    private MasterNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void aSessionOfAnEarlierTermIsToldToRegisterAgainAndTheFrameworkCarriesOnWithItsId() throws Exception {
        zk = new TestingServer(true);
        MasterHolder holder = new MasterHolder();
        RemoteFrameworks remotes = new RemoteFrameworks();
        remotes.holder = holder;
        node = new MasterNode(zk.getConnectString(), "/berth", "http://a", MasterConfig.defaults(), holder,
                ClusterSecret.readOrCreate(tmp.resolve("secret")), Duration.ofSeconds(3))
                .withBootstrap(new AccessBootstrap(List.of()).withRules(List.of(
                        AclRule.allow(PRINCIPAL, Action.REGISTER_FRAMEWORK, "kafka-role"))));
        node.start();
        await().atMost(WAIT).until(() -> holder.current().isPresent());
        Master first = holder.current().orElseThrow();

        FrameworkInfo info = new FrameworkInfo(Optional.empty(), "kafka", Role.of("kafka-role"), Principal.of(PRINCIPAL),
                Duration.ofDays(7));
        FrameworkCalls.Registered registered = remotes.register(info).get(10, TimeUnit.SECONDS);
        List<Sequenced<FrameworkEvent>> before = poll(remotes, registered.frameworkId(), registered.session(), 0);
        assertThat(before).extracting(e -> e.item().type()).contains("REGISTERED");

        zk.stop(); // the master loses its ZooKeeper connection, and with it the lead
        await().atMost(WAIT).until(() -> holder.current().isEmpty());
        zk.restart();
        await().atMost(WAIT).until(() -> holder.current().filter(m -> m != first).isPresent());
        Master second = holder.current().orElseThrow();

        long sequence = before.get(before.size() - 1).sequence();
        long polled = System.nanoTime();
        Object oldSession;
        try {
            oldSession = poll(remotes, registered.frameworkId(), registered.session(), sequence);
        } catch (NotFoundException e) {
            oldSession = e;
        }
        long answeredMs = (System.nanoTime() - polled) / 1_000_000;

        FrameworkCalls.Registered again = remotes.register(info.withId(registered.frameworkId())).get(10, TimeUnit.SECONDS);
        List<Sequenced<FrameworkEvent>> after = poll(remotes, again.frameworkId(), again.session(), 0);

        System.out.printf("terms: epoch %d, then %d in the same process; the first term's session polled after the"
                        + " regain got, in %d ms: %s; registered again as %s (first %s), events of the new session: %s%n",
                first.epoch(), second.epoch(), answeredMs, oldSession, again.frameworkId(), registered.frameworkId(),
                after.stream().map(e -> e.sequence() + ":" + e.item().type()).toList());
        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThat(oldSession).as("the answer to a poll with the first term's session")
                .isInstanceOf(NotFoundException.class);
        assertThat(((NotFoundException) oldSession).getMessage()).contains("register again");
        assertThat(again.frameworkId()).isEqualTo(registered.frameworkId());
        assertThat(again.session()).isNotEqualTo(registered.session());
        assertThat(after).extracting(e -> e.item().type()).contains("REGISTERED");
    }

    private static List<Sequenced<FrameworkEvent>> poll(RemoteFrameworks remotes, String id, String session, long confirmed)
            throws Exception {
        return remotes.get(id, PRINCIPAL).poll(session, confirmed, Duration.ofSeconds(2), remotes.timer)
                .get(10, TimeUnit.SECONDS);
    }
}
