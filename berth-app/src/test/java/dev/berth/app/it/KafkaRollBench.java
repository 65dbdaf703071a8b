package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.api.ServiceViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of behaviour (run by {@code bench/kafka-roll.sh}, never by {@code mvn verify}):
 * times a rolling restart of three real brokers through Berth and each broker's own share of it, from
 * the agents' logs and the brokers' logs: its stop (SIGTERM sent until the process exited) and its
 * start (process launched until Kafka logs "Kafka Server started"). Berth's overhead is the plan's
 * time minus the brokers' own times: offers, launches, readiness polling and the package's checks.
 */
class KafkaRollBench {
    static final DateTimeFormatter AGENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    static final DateTimeFormatter KAFKA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    record Roll(String broker, Duration stop, Duration start, Duration own) {
    }

    @Test
    void rollingRestartOfThreeBrokers() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 2);
        try (ItCluster cluster = new ItCluster("bench-kafka", 1, 3, "cpus:1;mem:2048;disk:4096;ports:[31000-31010]", List.of())) {
            assertThat(cluster.cli("install", "kafka").exitCode()).isZero();
            ItCluster.awaitTrue(() -> plan(cluster, "deploy").status().equals("COMPLETE"), "deploy COMPLETE");
            System.out.println();
            System.out.println("| round | plan (s) | broker | stop (s) | start to ready (s) | broker's own (s) |");
            System.out.println("|---|---|---|---|---|---|");
            List<String> summary = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<String> before = runningTaskIds(cluster);
                long t0 = System.nanoTime();
                // through the API, so the plan's time holds no CLI process start
                cluster.api.post("/v1/services/kafka/update", new dev.berth.core.api.ServicesResource.UpdateRequest(
                        java.util.Map.of("brokers.heap", Integer.toString(256 + round * 8)), null),
                        ServiceViews.Installed.class, Duration.ofSeconds(60));
                ItCluster.awaitTrue(() -> plan(cluster, "update").status().equals("COMPLETE"), "update COMPLETE");
                Duration plan = Duration.ofNanos(System.nanoTime() - t0);
                List<String> after = runningTaskIds(cluster);
                Duration own = Duration.ZERO;
                for (String oldTask : before) {
                    String broker = oldTask.substring(0, oldTask.indexOf("-server"));
                    String newTask = after.stream().filter(t -> t.startsWith(broker + "-server")).findFirst().orElseThrow();
                    Roll r = roll(cluster, broker, oldTask, newTask);
                    own = own.plus(r.own());
                    System.out.printf("| %d | %.1f | %s | %.2f | %.2f | %.2f |%n", round, seconds(plan), broker,
                            seconds(r.stop()), seconds(r.start()), seconds(r.own()));
                }
                summary.add(String.format("| %d | %.1f | %.1f | %.2f |", round, seconds(plan), seconds(own),
                        seconds(plan.minus(own)) / before.size()));
            }
            System.out.println();
            System.out.println("| round | plan (s) | brokers' own, summed (s) | Berth's overhead per broker (s) |");
            System.out.println("|---|---|---|---|");
            summary.forEach(System.out::println);
            assertThat(cluster.cli("uninstall", "kafka").exitCode()).isZero();
        }
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static ServiceViews.PlanView plan(ItCluster cluster, String name) {
        return cluster.api.get("/v1/services/kafka/plans/" + name, ServiceViews.PlanView.class);
    }

    static List<String> runningTaskIds(ItCluster cluster) {
        List<ServiceViews.PodRow> pods = cluster.api.get("/v1/services/kafka/pods", new TypeReference<>() {
        });
        return pods.stream().flatMap(p -> p.tasks().stream()).map(ServiceViews.TaskRow::taskId).sorted().toList();
    }

    /** The broker's own stop and start, from its agent's log and its new process's log. */
    static Roll roll(ItCluster cluster, String broker, String oldTask, String newTask) throws Exception {
        for (var agent : cluster.workDirs.entrySet()) {
            Path log = BerthProcess.LOGS.resolve(agent.getKey() + ".log");
            Optional<LocalDateTime> killSent = agentLine(log, "killing task " + oldTask);
            if (killSent.isEmpty()) {
                continue;
            }
            LocalDateTime exited = agentLine(log, "task " + oldTask + " KILLED").orElseThrow();
            LocalDateTime launched = agentLine(log, "task " + newTask + " running as pid").orElseThrow();
            Path stderr = agent.getValue().resolve("sandboxes/" + newTask + "/stderr");
            LocalDateTime started;
            try (Stream<String> lines = Files.lines(stderr)) {
                String line = lines.filter(l -> l.contains("Kafka Server started")).findFirst().orElseThrow();
                started = LocalDateTime.parse(line.substring(0, 23), KAFKA_TIME);
            }
            Duration stop = Duration.between(killSent.get(), exited);
            Duration start = Duration.between(launched, started);
            return new Roll(broker, stop, start, stop.plus(start));
        }
        throw new IllegalStateException("no agent log says it killed " + oldTask);
    }

    static Optional<LocalDateTime> agentLine(Path log, String text) throws Exception {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).findFirst().map(l -> LocalDateTime.parse(l.substring(0, 23), AGENT_TIME));
        }
    }
}
