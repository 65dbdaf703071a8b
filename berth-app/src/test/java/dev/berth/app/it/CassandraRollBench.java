package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of behaviour (run by {@code bench/cassandra-roll.sh}, never by {@code mvn verify}):
 * times a rolling restart of a real three-node Cassandra ring through Berth and each node's own share
 * of it, from the agents' logs and the nodes' logs: its stop (SIGTERM sent until the process exited,
 * Cassandra's drain included) and its start (process launched until Cassandra logs "Startup complete",
 * just after it started listening for CQL clients, as a node that is up and normal in its own eyes).
 * Berth's overhead is the plan's time minus the nodes' own times: the package's checks over JMX before
 * each stop and after each start, the offer and launch, and readiness polling.
 */
class CassandraRollBench {
    /** Serial rolls of real nodes on two shared cores: well beyond ItCluster's 90 s (as CassandraServiceIT). */
    static final Duration PLAN_WAIT = Duration.ofMinutes(4);
    /** The package's logback pattern: {@code %-5level [%thread] %date{ISO8601} %F:%L - %msg}. */
    static final Pattern CASSANDRA_TIME = Pattern.compile("\\] (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) ");

    @Test
    void rollingRestartOfThreeNodes() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        // as CassandraServiceIT: each node reserves 0.5 cpus and 1536 MiB (512 MiB heap) of its agent
        try (ItCluster cluster = new ItCluster("bench-cassandra", 1, 3, "cpus:1;mem:3072;disk:8192;ports:[31000-31010]",
                List.of())) {
            // fast_join, as CassandraServiceIT: a fresh ring holds no data, so the 30 s ring delay buys nothing here
            ItCluster.CommandResult install = cluster.cli("install", "cassandra", "--set", "cassandra.fast_join=true");
            assertThat(install.exitCode()).as(install.output()).isZero();
            RollBench bench = new RollBench(cluster, "cassandra", "node", "start to UN",
                    new RollBench.ReadyLine("stdout", "Startup complete", CassandraRollBench::time), PLAN_WAIT);
            bench.awaitComplete("deploy");
            // as CassandraServiceIT's rolling config update: new cassandra.yaml settings roll every node
            bench.run(rounds, round -> Map.of("cassandra.yaml_extra",
                    "{concurrent_reads: " + (32 + round) + ", concurrent_writes: " + (32 + round) + "}"));
            ItCluster.CommandResult uninstall = cluster.cli("uninstall", "cassandra");
            assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        }
    }

    static LocalDateTime time(String line) {
        Matcher m = CASSANDRA_TIME.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no timestamp in: " + line);
        }
        return LocalDateTime.parse(m.group(1), RollBench.LOG_TIME);
    }
}
