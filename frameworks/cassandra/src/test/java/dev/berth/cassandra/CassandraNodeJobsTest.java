package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanException;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;

/** Long operations run on threads of their own, one per key, and later calls see how they went. */
class CassandraNodeJobsTest {
    final NodeJobs jobs = new NodeJobs(Clock.systemUTC());

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
        NodeJobs.Work work = progress -> {
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
    void aFailedJobSaysWhatTheNodeSaid() throws Exception {
        jobs.start("decommission:node-3", "decommission", progress -> {
            throw new RuntimeMBeanException(new UnsupportedOperationException("Not enough live nodes to maintain "
                    + "replication factor in keyspace numbers (RF = 3, N = 3)."), "java.lang.UnsupportedOperationException");
        });
        until(() -> jobs.state("decommission:node-3").phase() == JobState.Phase.FAILED);
        assertThat(jobs.state("decommission:node-3").text()).isEqualTo("UnsupportedOperationException: Not enough live "
                + "nodes to maintain replication factor in keyspace numbers (RF = 3, N = 3).");
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
    void reasonsUnwrapJmxButKeepThePackagesOwnMessages() {
        assertThat(NodeJobs.reason(new MBeanException(new IOException("upgradesstables of keyspace numbers ended ABORTED"))))
                .isEqualTo("IOException: upgradesstables of keyspace numbers ended ABORTED");
        assertThat(NodeJobs.reason(new IOException("node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections",
                new java.net.ConnectException("Connection refused"))))
                .isEqualTo("IOException: node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections");
        assertThat(NodeJobs.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
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
