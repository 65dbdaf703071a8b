package dev.berth.core.sdk.hooks;

import static dev.berth.core.sdk.hooks.HookJobsTest.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An action runs on one instance after the other: where it stands, and how a hook call goes on with it. */
class InstanceByInstanceTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration RETRY = Duration.ofSeconds(20);

    static JobState succeeded() {
        return JobState.succeeded("", T0);
    }

    @Test
    void itStartsTheFirstInstanceNotDoneAndWaitsForTheOneRunning() {
        List<String> nodes = List.of("node-0", "node-1", "node-2");
        JobDecision first = InstanceByInstance.next("cleanup", nodes, i -> JobState.NONE, T0, RETRY);
        assertThat(first).isEqualTo(JobDecision.start("node-0", "cleanup on node-0 (1 of 3) starting"));
        Map<String, JobState> jobs = Map.of("node-0", succeeded(),
                "node-1", JobState.running("node-1 (127.0.0.3): cleanup of keyspace numbers (2 of 4)", T0));
        assertThat(InstanceByInstance.next("cleanup", nodes, i -> jobs.getOrDefault(i, JobState.NONE), T0.plusSeconds(7), RETRY))
                .isEqualTo(JobDecision.waiting("node-1", "node-1 (127.0.0.3): cleanup of keyspace numbers (2 of 4) (2 of 3), for 7s"));
        assertThat(InstanceByInstance.next("cleanup", nodes, i -> succeeded(), T0, RETRY).kind()).isEqualTo(JobDecision.Kind.DONE);
        assertThat(InstanceByInstance.next("cleanup", List.of(), i -> JobState.NONE, T0, RETRY).kind()).isEqualTo(JobDecision.Kind.DONE);
    }

    @Test
    void aFailedInstanceHoldsTheNextBackAndIsTriedAgainAfterAPause() {
        List<String> nodes = List.of("node-0", "node-1");
        Map<String, JobState> jobs = Map.of("node-0", JobState.failed("IOException: node-0 (127.0.0.2) JMX at 127.0.0.2:31002 "
                + "does not accept connections (Connection refused)", T0));
        assertThat(InstanceByInstance.next("upgradesstables", nodes, i -> jobs.getOrDefault(i, JobState.NONE), T0.plusSeconds(5), RETRY))
                .isEqualTo(JobDecision.waiting("node-0", "upgradesstables on node-0 (1 of 2) failed: IOException: node-0 (127.0.0.2) "
                        + "JMX at 127.0.0.2:31002 does not accept connections (Connection refused); trying again in 15s"));
        JobDecision again = InstanceByInstance.next("upgradesstables", nodes, i -> jobs.getOrDefault(i, JobState.NONE), T0.plusSeconds(20), RETRY);
        assertThat(again.kind()).isEqualTo(JobDecision.Kind.START);
        assertThat(again.instance()).isEqualTo("node-0");
        assertThat(again.message()).isEqualTo("upgradesstables on node-0 (1 of 2) again after: IOException: node-0 (127.0.0.2) "
                + "JMX at 127.0.0.2:31002 does not accept connections (Connection refused)");
    }

    @Test
    void eachCallStartsTheNextInstanceOnceTheOneBeforeSucceededUntilAllAreDone() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        HookJobs jobs = new HookJobs(clock, "test");
        InstanceByInstance byInstance = new InstanceByInstance(jobs, clock, RETRY);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        List<String> nodes = List.of("node-0", "node-1");

        Verdict first = byInstance.run("cleanup", nodes, i -> Optional.of(progress -> {
            ran.add(i);
            release.await(10, TimeUnit.SECONDS);
        }), i -> i + " has no home");
        assertThat(first).isEqualTo(Verdict.waiting("cleanup on node-0 (1 of 2) starting"));
        clock.advance(Duration.ofSeconds(3));
        assertThat(byInstance.run("cleanup", nodes, i -> Optional.of(progress -> ran.add("again " + i)), i -> ""))
                .isEqualTo(Verdict.waiting("cleanup on node-0 (1 of 2) starting (1 of 2), for 3s"));
        release.countDown();
        until(() -> jobs.state("cleanup:node-0").phase() == JobState.Phase.SUCCEEDED);

        // node-1 cannot start yet: the action waits, saying why, and starts nothing
        assertThat(byInstance.run("cleanup", nodes, i -> Optional.empty(), i -> "cleanup waits for " + i + " to have a home"))
                .isEqualTo(Verdict.waiting("cleanup waits for node-1 to have a home"));
        assertThat(jobs.state("cleanup:node-1")).isEqualTo(JobState.NONE);

        assertThat(byInstance.run("cleanup", nodes, i -> Optional.of(progress -> ran.add(i)), i -> ""))
                .isEqualTo(Verdict.waiting("cleanup on node-1 (2 of 2) starting"));
        until(() -> jobs.state("cleanup:node-1").phase() == JobState.Phase.SUCCEEDED);
        assertThat(byInstance.run("cleanup", nodes, i -> Optional.empty(), i -> "")).isEqualTo(Verdict.ready());
        assertThat(ran).containsExactly("node-0", "node-1");
        // done: its jobs are forgotten, so the same action of a later update starts over
        assertThat(jobs.state("cleanup:node-0")).isEqualTo(JobState.NONE);
        assertThat(jobs.state("cleanup:node-1")).isEqualTo(JobState.NONE);
    }
}
