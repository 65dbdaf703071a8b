package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of behaviour (run by {@code bench/kafka-roll.sh}, never by {@code mvn verify}):
 * times a rolling restart of three real brokers through Berth and each broker's own share of it, from
 * the agents' logs and the brokers' logs: its stop (SIGTERM sent until the process exited) and its
 * start (process launched until Kafka logs "Kafka Server started"). Berth's overhead is the plan's
 * time minus the brokers' own times: offers, launches, readiness polling and the package's checks.
 */
class KafkaRollBench {
    static final DateTimeFormatter KAFKA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @Test
    void rollingRestartOfThreeBrokers() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        try (ItCluster cluster = new ItCluster("bench-kafka", 1, 3, "cpus:1;mem:2048;disk:4096;ports:[31000-31010]", List.of())) {
            assertThat(cluster.cli("install", "kafka").exitCode()).isZero();
            RollBench bench = new RollBench(cluster, "kafka", "broker", "start to ready",
                    new RollBench.ReadyLine("stderr", "Kafka Server started",
                            line -> LocalDateTime.parse(line.substring(0, 23), KAFKA_TIME)),
                    ItCluster.WAIT);
            bench.awaitComplete("deploy");
            // a new heap rolls every broker
            bench.run(rounds, round -> Map.of("brokers.heap", Integer.toString(256 + round * 8)));
            assertThat(cluster.cli("uninstall", "kafka").exitCode()).isZero();
        }
    }
}
