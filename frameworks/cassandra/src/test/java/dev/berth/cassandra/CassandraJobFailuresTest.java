package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.JobState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import javax.management.MBeanException;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;

/** A failed operation on a node says what Cassandra said, not how JMX wrapped it. */
class CassandraJobFailuresTest {
    final HookJobs jobs = new HookJobs(Clock.systemUTC(), "cassandra", JmxFailures::reason);

    @Test
    void aFailedJobSaysWhatTheNodeSaid() throws Exception {
        jobs.start("decommission:node-3", "decommission", progress -> {
            throw new RuntimeMBeanException(new UnsupportedOperationException("Not enough live nodes to maintain "
                    + "replication factor in keyspace numbers (RF = 3, N = 3)."), "java.lang.UnsupportedOperationException");
        });
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs.state("decommission:node-3").phase() != JobState.Phase.FAILED) {
            assertThat(System.nanoTime()).as("failed within 10s").isLessThan(end);
            Thread.sleep(20);
        }
        assertThat(jobs.state("decommission:node-3").text()).isEqualTo("UnsupportedOperationException: Not enough live "
                + "nodes to maintain replication factor in keyspace numbers (RF = 3, N = 3).");
    }

    @Test
    void reasonsUnwrapJmxButKeepThePackagesOwnMessages() {
        assertThat(JmxFailures.reason(new MBeanException(new IOException("upgradesstables of keyspace numbers ended ABORTED"))))
                .isEqualTo("IOException: upgradesstables of keyspace numbers ended ABORTED");
        assertThat(JmxFailures.reason(new IOException("node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections",
                new java.net.ConnectException("Connection refused"))))
                .isEqualTo("IOException: node-0 (127.0.0.2) JMX at 127.0.0.2:31002 does not accept connections");
        assertThat(JmxFailures.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
