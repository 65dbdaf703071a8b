package dev.berth.app.it;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * What the rolling-restart benchmarks ({@link KafkaRollBench}, {@link CassandraRollBench}) share: per
 * round, one {@code POST /v1/services/SVC/update} that rolls every member of an installed service,
 * timed until the update plan is COMPLETE; then each member's own share of it, from the logs: its stop
 * (the agent's "killing task" line, SIGTERM sent, to its "task … KILLED" line, the process gone; a task
 * the agent was asked to kill always ends KILLED, whatever its exit status) and its start (the agent's
 * "running as pid" line to the line the member itself logs once it serves). Prints a table of members
 * as it goes and a table of rounds at the end: Berth's overhead per member is the plan's time minus the
 * members' own times, divided by their number.
 */
final class RollBench {
    /** Timestamps of the agents' log lines (and of Cassandra's logback {@code %date{ISO8601}}). */
    static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /**
     * The line a member logs once it serves.
     *
     * @param stream the sandbox file it logs to ({@code stdout} or {@code stderr})
     * @param text   what the line contains
     * @param time   the line's timestamp
     */
    record ReadyLine(String stream, String text, Function<String, LocalDateTime> time) {
    }

    record Roll(String member, Duration stop, Duration start, Duration own) {
    }

    private final ItCluster cluster;
    private final String service;
    private final String member;
    private final String startColumn;
    private final ReadyLine ready;
    private final Duration planWait;

    /**
     * @param service     the installed service
     * @param member      what one pod instance is called in the tables ("broker", "node")
     * @param startColumn the heading of the start time ("start to ready")
     * @param planWait    how long a plan may take to complete
     */
    RollBench(ItCluster cluster, String service, String member, String startColumn, ReadyLine ready, Duration planWait) {
        this.cluster = cluster;
        this.service = service;
        this.member = member;
        this.startColumn = startColumn;
        this.ready = ready;
        this.planWait = planWait;
    }

    void awaitComplete(String planName) {
        Awaitility.await("the " + service + " " + planName + " plan COMPLETE").atMost(planWait)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> plan(planName).status().equals("COMPLETE"));
    }

    /** Rolls every member once per round, with the options {@code optionsOfRound} gives for that round; prints both tables. */
    void run(int rounds, IntFunction<Map<String, String>> optionsOfRound) throws Exception {
        System.out.println();
        System.out.printf("| round | plan (s) | %s | stop (s) | %s (s) | %s's own (s) |%n", member, startColumn, member);
        System.out.println("|---|---|---|---|---|---|");
        List<String> summary = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> before = runningServerTaskIds();
            String metricsBefore = metrics();
            long t0 = System.nanoTime();
            // through the API, so the plan's time holds no CLI process start
            cluster.api.post("/v1/services/" + service + "/update", new ServiceRequests.UpdateRequest(
                    optionsOfRound.apply(round), null), ServiceViews.Installed.class, Duration.ofSeconds(60));
            awaitComplete("update");
            Duration plan = Duration.ofNanos(System.nanoTime() - t0);
            List<String> after = runningServerTaskIds();
            String metricsAfter = metrics();
            Duration own = Duration.ZERO;
            for (String oldTask : before) {
                String name = oldTask.substring(0, oldTask.indexOf("-server"));
                String newTask = after.stream().filter(t -> t.startsWith(name + "-server")).findFirst().orElseThrow();
                Roll r = roll(name, oldTask, newTask);
                own = own.plus(r.own());
                System.out.printf("| %d | %.1f | %s | %.2f | %.2f | %.2f |%n", round, seconds(plan), name,
                        seconds(r.stop()), seconds(r.start()), seconds(r.own()));
            }
            // the same story from the master's meters: the update's steps (PREPARED to COMPLETE) and the package's hooks
            Map<String, String> steps = Map.of("service", service, "plan", "update");
            double stepSeconds = delta(metricsBefore, metricsAfter, "berth_step_duration_seconds_sum", steps);
            double stepCount = delta(metricsBefore, metricsAfter, "berth_step_duration_seconds_count", steps);
            double hookSeconds = delta(metricsBefore, metricsAfter, "berth_hook_calls_seconds_sum", Map.of("service", service));
            summary.add(String.format("| %d | %.1f | %.1f | %.2f | %.2f | %.2f |", round, seconds(plan), seconds(own),
                    seconds(plan.minus(own)) / before.size(), stepCount == 0 ? 0 : stepSeconds / stepCount,
                    hookSeconds / before.size()));
        }
        System.out.println();
        System.out.printf("| round | plan (s) | %ss' own, summed (s) | Berth's overhead per %s (s) | step, mean (s, meters)"
                + " | hook calls per %s (s, meters) |%n", member, member, member);
        System.out.println("|---|---|---|---|---|---|");
        summary.forEach(System.out::println);
    }

    private String metrics() {
        return new String(cluster.api.request("GET", "/q/metrics", null), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double delta(String before, String after, String name, Map<String, String> labels) {
        return PrometheusSamples.sum(after, name, labels) - PrometheusSamples.sum(before, name, labels);
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/" + service + "/plans/" + name, ServiceViews.PlanView.class);
    }

    /** The ids of the pods' server tasks, one per member. */
    List<String> runningServerTaskIds() {
        List<ServiceViews.PodRow> pods = cluster.api.get("/v1/services/" + service + "/pods", new TypeReference<>() {
        });
        return pods.stream().flatMap(p -> p.tasks().stream()).filter(t -> t.name().endsWith("-server") && t.taskId() != null)
                .map(ServiceViews.TaskRow::taskId).sorted().toList();
    }

    /** The member's own stop and start, from its agent's log and its new process's log. */
    Roll roll(String name, String oldTask, String newTask) throws Exception {
        for (var agent : cluster.workDirs.entrySet()) {
            Path log = BerthProcess.LOGS.resolve(agent.getKey() + ".log");
            Optional<LocalDateTime> killSent = agentLine(log, "killing task " + oldTask);
            if (killSent.isEmpty()) {
                continue;
            }
            LocalDateTime exited = agentLine(log, "task " + oldTask + " KILLED").orElseThrow();
            LocalDateTime launched = agentLine(log, "task " + newTask + " running as pid").orElseThrow();
            Path output = agent.getValue().resolve("sandboxes/" + newTask + "/" + ready.stream());
            LocalDateTime started;
            try (Stream<String> lines = Files.lines(output)) {
                started = ready.time().apply(lines.filter(l -> l.contains(ready.text())).findFirst().orElseThrow(
                        () -> new IllegalStateException(output + " has no line with '" + ready.text() + "'")));
            }
            Duration stop = Duration.between(killSent.get(), exited);
            Duration start = Duration.between(launched, started);
            return new Roll(name, stop, start, stop.plus(start));
        }
        throw new IllegalStateException("no agent log says it killed " + oldTask);
    }

    static Optional<LocalDateTime> agentLine(Path log, String text) throws Exception {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).findFirst().map(l -> LocalDateTime.parse(l.substring(0, 23), LOG_TIME));
        }
    }
}
