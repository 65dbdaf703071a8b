package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.ManualClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Long operations run on threads of their own, one per key, and later hook calls see how they went. */
class HookJobsTest {
    final HookJobs jobs = new HookJobs(Clock.systemUTC(), "test");

    @Test
    void aJobRunsInTheBackgroundReportsProgressAndEndsSucceeded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        JobState started = jobs.start("cleanup:node-0", "cleanup on node-0", progress -> {
            progress.accept("cleanup of keyspace numbers");
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        assertThat(started.phase()).isEqualTo(JobState.Phase.RUNNING);
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.state("cleanup:node-0").text()).isEqualTo("cleanup of keyspace numbers");
        assertThat(jobs.state("cleanup:node-0").since()).isEqualTo(started.since());
        release.countDown();
        until(() -> jobs.state("cleanup:node-0").phase() == JobState.Phase.SUCCEEDED);
        assertThat(jobs.state("cleanup:node-1")).isEqualTo(JobState.NONE);
    }

    @Test
    void aKeyRunsOneJobAtATime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        HookJobs.Work work = progress -> {
            runs.incrementAndGet();
            release.await(10, TimeUnit.SECONDS);
        };
        jobs.start("decommission:node-3", "decommission", work);
        jobs.start("decommission:node-3", "decommission", work);
        release.countDown();
        until(() -> jobs.state("decommission:node-3").phase() == JobState.Phase.SUCCEEDED);
        assertThat(runs).hasValue(1);
        // once done it may run again (an action of a later update)
        jobs.start("decommission:node-3", "decommission", progress -> runs.incrementAndGet());
        until(() -> runs.get() == 2);
    }

    @Test
    void aFailedJobSaysWhatWentWrongThroughTheReasonItWasGiven() throws Exception {
        jobs.start("cleanup:node-0", "cleanup", progress -> {
            throw new IOException("node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections");
        });
        until(() -> jobs.state("cleanup:node-0").phase() == JobState.Phase.FAILED);
        assertThat(jobs.state("cleanup:node-0").text())
                .isEqualTo("IOException: node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections");

        HookJobs unwrapping = new HookJobs(Clock.systemUTC(), "test", e -> "the database said: " + e.getCause().getMessage());
        unwrapping.start("k", "k", progress -> {
            throw new IllegalStateException("wrapped", new UnsupportedOperationException("no"));
        });
        until(() -> unwrapping.state("k").phase() == JobState.Phase.FAILED);
        assertThat(unwrapping.state("k").text()).isEqualTo("the database said: no");
        assertThat(HookJobs.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void forgettingAnActionDropsItsFinishedJobs() throws Exception {
        jobs.start("upgradesstables:node-0", "u", progress -> {
        });
        until(() -> jobs.state("upgradesstables:node-0").phase() == JobState.Phase.SUCCEEDED);
        jobs.start("decommission:node-3", "d", progress -> {
        });
        jobs.start("decommission:node-30", "d", progress -> {
        });
        until(() -> jobs.state("decommission:node-30").phase() == JobState.Phase.SUCCEEDED
                && jobs.state("decommission:node-3").phase() == JobState.Phase.SUCCEEDED);
        jobs.forgetAll("upgradesstables:");
        assertThat(jobs.state("upgradesstables:node-0")).isEqualTo(JobState.NONE);
        jobs.forget("decommission:node-3");
        assertThat(jobs.state("decommission:node-3")).isEqualTo(JobState.NONE);
        assertThat(jobs.state("decommission:node-30").phase()).isEqualTo(JobState.Phase.SUCCEEDED);
    }

    @Test
    void aRunningJobIsNotForgotten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        jobs.start("decommission:node-3", "d", progress -> release.await(10, TimeUnit.SECONDS));
        jobs.forget("decommission:node-3");
        jobs.forgetAll("decommission:");
        assertThat(jobs.state("decommission:node-3").phase()).isEqualTo(JobState.Phase.RUNNING);
        release.countDown();
    }

    @Test
    void aServiceWideJobStartsOnceIsReportedIsTriedAgainAfterAPauseAndIsReadyOnceItSucceeded() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        HookJobs service = new HookJobs(clock, "test");
        Duration retry = Duration.ofSeconds(10);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HookJobs.Work failing = progress -> {
            runs.incrementAndGet();
            progress.accept("moving 3 partitions");
            release.await(10, TimeUnit.SECONDS);
            throw new IOException("no answer within 5s");
        };

        assertThat(service.run("spread", "spread-partitions", retry, failing))
                .isEqualTo(Verdict.waiting("spread-partitions starting"));
        until(() -> service.state("spread").text().equals("moving 3 partitions"));
        clock.advance(Duration.ofSeconds(4));
        assertThat(service.run("spread", "spread-partitions", retry, failing))
                .isEqualTo(Verdict.waiting("moving 3 partitions, for 4s"));
        release.countDown();
        until(() -> service.state("spread").phase() == JobState.Phase.FAILED);
        assertThat(service.run("spread", "spread-partitions", retry, failing))
                .isEqualTo(Verdict.waiting("spread-partitions failed: IOException: no answer within 5s; trying again in 10s"));
        assertThat(runs).hasValue(1);

        clock.advance(Duration.ofSeconds(10));
        assertThat(service.run("spread", "spread-partitions", retry, progress -> runs.incrementAndGet()))
                .isEqualTo(Verdict.waiting("spread-partitions again after: IOException: no answer within 5s"));
        until(() -> service.state("spread").phase() == JobState.Phase.SUCCEEDED);
        assertThat(runs).hasValue(2);
        assertThat(service.run("spread", "spread-partitions", retry, progress -> runs.incrementAndGet())).isEqualTo(Verdict.ready());
        // done and forgotten: a later action of that name runs afresh
        assertThat(service.state("spread")).isEqualTo(JobState.NONE);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRepeatedStepIsAskedUntilNothingIsLeftReportingEachAnswer() throws Exception {
        List<Optional<String>> answers = new ArrayList<>(List.of(Optional.of("asked to move 2 partitions"),
                Optional.of("moving 2 partitions: t-0, t-1"), Optional.empty()));
        List<String> reported = new ArrayList<>();
        HookJobs.repeat(() -> answers.remove(0), Duration.ofMillis(1)).run(reported::add);
        assertThat(reported).containsExactly("asked to move 2 partitions", "moving 2 partitions: t-0, t-1");
        assertThat(answers).isEmpty();
    }

    /** Polls a condition the job's thread makes true, for at most 10 s. */
    static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10s").isLessThan(end);
            Thread.sleep(20);
        }
    }
}
