package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.JobState;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.spec.ServiceSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A node that replaced another is repaired, once per home, before it counts as ready; others are not. */
class ReplacementRepairsTest {
    final HookJobs jobs = new HookJobs(Clock.systemUTC(), "cassandra-test", JmxFailures::reason);
    final ReplacementRepairs repairs = new ReplacementRepairs(jobs, Duration.ofSeconds(20));

    static HookContext context(PodInstanceRecord home) {
        Package cassandra = PackageRepository.classpath().get("cassandra");
        Options options = cassandra.options(Map.of("nodes.count", "3", "cassandra.authentication", "false"));
        ServiceSpec spec = cassandra.render("cassandra", options);
        ServiceTarget target = new ServiceTarget("c1", "cassandra", "0.1.0", options.values(), options.given(), spec, Instant.EPOCH);
        Map<String, PodInstanceRecord> pods = Map.of(home.name(), home);
        return new HookContext(target, pods, Map.of(), Endpoints.of(spec, pods, Map.of()));
    }

    static PodInstanceRecord home(String agentId, Optional<String> replaced) {
        return new PodInstanceRecord("node-2", "node", 2, agentId, "host", "127.0.0.4", Map.of(), Map.of(), List.of(),
                replaced, List.of());
    }

    /** A loopback port nothing listens on (bound, then closed): the repair's JMX connection fails at once. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aNodeThatReplacedNoneIsReadyWithoutARepair() throws Exception {
        PodInstanceRecord home = home("agent-2", Optional.empty());
        RingNode node = new RingNode("node-2", 2, "127.0.0.1", closedPort());

        assertThat(repairs.ready(context(home), node)).isEqualTo(Verdict.ready());
        assertThat(jobs.state(ReplacementRepairs.key(home))).isEqualTo(JobState.NONE);
    }

    @Test
    void aReplacementWaitsForItsRepairAndSaysWhyItFailed() throws Exception {
        PodInstanceRecord home = home("agent-5", Optional.of("127.0.0.9"));
        RingNode node = new RingNode("node-2", 2, "127.0.0.1", closedPort());

        Verdict first = repairs.ready(context(home), node);
        assertThat(first).isInstanceOf(Verdict.Wait.class);
        assertThat(((Verdict.Wait) first).reason()).contains("repair of node-2 (127.0.0.1), which replaced 127.0.0.9");
        // nothing answers JMX there: the job fails, names the node, and the node is still not ready
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> jobs.state(ReplacementRepairs.key(home)).phase() == JobState.Phase.FAILED);
        assertThat(jobs.state(ReplacementRepairs.key(home)).text()).contains("node-2 (127.0.0.1) JMX at 127.0.0.1:");
        assertThat(repairs.ready(context(home), node)).isInstanceOf(Verdict.Wait.class);
    }

    @Test
    void eachHomeOfTheNodeIsRepairedOnItsOwn() {
        assertThat(ReplacementRepairs.key(home("agent-5", Optional.of("127.0.0.9"))))
                .isEqualTo("repair:node-2@agent-5")
                .isNotEqualTo(ReplacementRepairs.key(home("agent-7", Optional.of("127.0.0.9"))));
    }
}
