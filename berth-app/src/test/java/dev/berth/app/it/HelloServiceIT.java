package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceRequests;
import dev.berth.core.protocol.ServiceViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SDK on real parts with the {@code hello} package: two masters and four agents as processes,
 * the service installed, rolled, failed over, replaced and uninstalled through the real CLI and API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelloServiceIT {
    static ItCluster cluster;
    static Path brokenPackages;

    @BeforeAll
    static void start() throws Exception {
        brokenPackages = Files.createTempDirectory("berth-it-packages");
        Path broken = Files.createDirectories(brokenPackages.resolve("broken"));
        Files.writeString(broken.resolve("package.yaml"), "name: broken\nversion: 0.1.0\ndescription: a spec with a YAML error\n");
        Files.writeString(broken.resolve("options.json"), "{\"type\": \"object\", \"properties\": {}}");
        Files.writeString(broken.resolve("svc.yaml"), "name: {{service.name}}\npods:\n  p:\n    count: 1\n   tasks: [\n");
        cluster = new ItCluster("it-hello", 2, 4, "cpus:1;mem:512;disk:1024;ports:[31000-31010]",
                List.of("--packages", brokenPackages.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> walk = Files.walk(brokenPackages)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static ServiceViews.PlanView plan(String name) {
        return cluster.api.get("/v1/services/hello/plans/" + name, ServiceViews.PlanView.class);
    }

    static List<ServiceViews.PodRow> pods() {
        return cluster.api.get("/v1/services/hello/pods", new TypeReference<>() {
        });
    }

    static List<ClusterViews.ReservationRow> reservations() {
        return cluster.reservationRows();
    }

    static List<ClusterViews.TaskRow> tasks() {
        return cluster.taskRows();
    }

    @Test
    @Order(1)
    void installDeploysThreePodsWithVolumesOnePerAgent() throws Exception {
        ItCluster.CommandResult r = cluster.cli("install", "hello", "--set", "hello.count=3", "--set", "hello.message=v1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("installed hello (package hello 1.0.0");
        ItCluster.awaitTrue(() -> plan("deploy").status().equals("COMPLETE"), "the deploy plan COMPLETE");

        assertThat(pods()).hasSize(3).extracting(ServiceViews.PodRow::hostname).doesNotHaveDuplicates();
        assertThat(pods()).allSatisfy(p -> assertThat(p.tasks()).singleElement()
                .satisfies(t -> assertThat(t.ready()).isTrue()));
        List<ClusterViews.VolumeRow> volumes = cluster.api.get("/v1/volumes", new TypeReference<>() {
        });
        assertThat(volumes).hasSize(3).allSatisfy(v -> assertThat(v.role()).isEqualTo("berth/hello"));
        ItCluster.CommandResult endpoints = cluster.cli("endpoints", "hello", "hello");
        assertThat(endpoints.output().trim()).matches("127\\.0\\.0\\.\\d:310\\d\\d(,127\\.0\\.0\\.\\d:310\\d\\d){2}");
        String openapi = new String(cluster.api.request("GET", "/openapi", null));
        assertThat(openapi).contains("/v1/services/{svc}/plans/{plan}/{action}").contains("/v1/agent/register");
        ItCluster.CommandResult tree = cluster.cli("plan", "show", "hello", "deploy");
        assertThat(tree.output()).contains("deploy COMPLETE").contains("└─ hello-2 COMPLETE");

        // the same story as events, in the order it happened: installed, then each step to COMPLETE, then the plan
        ItCluster.CommandResult listed = cluster.cli("events", "--service", "hello", "-o", "json");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        List<ClusterEvent> events = BerthJson.mapper().readValue(listed.output(), new TypeReference<>() {
        });
        List<String> story = events.stream().filter(e -> e.kind().equals("service.installed")
                || e.kind().equals("plan.status") && e.subject().equals("deploy") && e.details().get("to").equals("COMPLETE")
                || e.kind().equals("step.status") && e.subject().startsWith("deploy/") && e.details().get("to").equals("COMPLETE"))
                .map(e -> e.kind() + " " + e.subject()).toList();
        System.out.println("hello: events of the install: " + events.size() + "; the story: " + story);
        assertThat(story).containsExactly("service.installed hello", "step.status deploy/hello/hello-0",
                "step.status deploy/hello/hello-1", "step.status deploy/hello/hello-2", "plan.status deploy");
        assertThat(cluster.cli("events", "--kind", "agent").output()).contains("agent.registered").contains("127.0.0.");
        // and as meters, in Prometheus's format, for the admin only
        String metrics = new String(cluster.api.request("GET", "/q/metrics", null));
        assertThat(metrics).contains("berth_tasks{service=\"hello\",state=\"RUNNING\"} 3.0")
                .contains("berth_agents{state=\"REACHABLE\"} 4.0")
                .containsPattern("berth_operations_total\\{result=\"applied\",type=\"RESERVE\"\\} [3-9]")
                .containsPattern("berth_offers_sent_total [1-9]").contains("berth_allocation_cycle_seconds_count")
                .contains("berth_step_duration_seconds_count{plan=\"deploy\",service=\"hello\"} 3")
                .contains("berth_steps_waiting{service=\"hello\"} 0.0")
                .containsPattern("berth_zookeeper_writes_seconds_count [1-9]");
        java.net.http.HttpResponse<String> open = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(cluster.api.currentMaster() + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).as("metrics without a token").isEqualTo(401);
        // what a pod printed, and its own log on its volume, read by its agent through the master
        ItCluster.CommandResult printed = cluster.cli("pod", "logs", "hello", "hello-0");
        assertThat(printed.exitCode()).as(printed.output()).isZero();
        assertThat(printed.output()).contains("instance=hello-0").contains("message=v1");
        ItCluster.CommandResult onVolume = cluster.cli("pod", "logs", "hello", "hello-1", "--file", "data/hello.log", "--tail", "1");
        assertThat(onVolume.output().trim()).as(onVolume.output()).matches(".*instance=hello-1 .*message=v1.*");
        ItCluster.CommandResult notALog = cluster.cli("pod", "logs", "hello", "hello-1", "--file", "hello.conf");
        assertThat(notALog.exitCode()).isNotZero();
        assertThat(notALog.output()).contains("file: 'hello.conf' is not a log; use stdout, stderr");
        ItCluster.CommandResult badKind = cluster.cli("events", "--kind", "steps");
        assertThat(badKind.exitCode()).isNotZero();
        assertThat(badKind.output()).contains("kind: 'steps' is not an event kind");
    }

    @Test
    @Order(2)
    void aRollingUpdateSurvivesALeaderFailoverAndNeverTakesTwoPodsDown() throws Exception {
        // an application follows the events live through the update and the failover
        List<ClusterEvent> followed = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread follower = new Thread(() -> cluster.client().cluster().followEvents(Optional.of("hello"), Optional.empty(),
                followed::add), "hello-events");
        follower.setDaemon(true);
        follower.start();
        // and a reader follows what the last pod prints, until its task is replaced by the update (after the failover)
        StringBuilder printed = new StringBuilder();
        String lastTask = pods().stream().filter(p -> p.instance().equals("hello-2")).findFirst().orElseThrow()
                .tasks().get(0).taskId();
        Thread logReader = new Thread(() -> cluster.client().pods().followTaskFile(lastTask, "stdout", 0,
                c -> printed.append(c.data())), "hello-logs");
        logReader.setDaemon(true);
        logReader.start();
        ItCluster.CommandResult r = cluster.cli("update", "hello", "--set", "hello.message=v2");
        assertThat(r.exitCode()).as(r.output()).isZero();
        // kill the leading master once the first pod is rolled and the update is under way
        ItCluster.awaitTrue(() -> plan("update").phases().get(0).steps().get(0).status().equals("COMPLETE"),
                "the first step of the update complete");
        cluster.leader().sigkill();
        ItCluster.awaitTrue(() -> plan("update").status().equals("COMPLETE"), "the update plan COMPLETE on the new leader");
        ItCluster.awaitTrue(() -> followed.stream().anyMatch(e -> e.kind().equals("plan.status")
                && e.subject().equals("update") && e.details().get("to").equals("COMPLETE")),
                "the follower told of the update plan COMPLETE by the new leader");
        follower.interrupt();
        logReader.join(java.time.Duration.ofSeconds(30).toMillis());
        assertThat(logReader.isAlive()).as("the log reader ends once the task it follows has ended").isFalse();
        assertThat(printed.toString()).contains("instance=hello-2").contains("message=v1");
        assertThat(followed).extracting(ClusterEvent::kind).contains("service.updated", "step.status");
        System.out.println("hello: a follower saw " + followed.size() + " events through the update and the failover");

        // every pod runs the new config, in its original volume (one line per start)
        for (ServiceViews.PodRow p : pods()) {
            ServiceViews.TaskRow t = p.tasks().get(0);
            assertThat(t.ready()).isTrue();
            String log = volumeLog(p.instance());
            assertThat(log).contains("message=v1").contains("message=v2");
        }
        // down windows (old task ended .. new task ready) never overlap
        List<Instant[]> windows = new ArrayList<>();
        List<ClusterViews.TaskRow> all = tasks();
        for (ServiceViews.PodRow p : pods()) {
            String name = p.instance() + "-server";
            List<ClusterViews.TaskRow> versions = all.stream().filter(t -> t.name().equals(name))
                    .sorted(Comparator.comparing(ClusterViews.TaskRow::updated)).toList();
            ClusterViews.TaskRow killed = versions.stream().filter(t -> t.state().equals("KILLED")).reduce((a, b) -> b).orElseThrow();
            ClusterViews.TaskRow running = versions.stream().filter(t -> t.state().equals("RUNNING")).reduce((a, b) -> b).orElseThrow();
            windows.add(new Instant[] {killed.updated(), running.updated()});
        }
        windows.sort(Comparator.comparing(w -> w[0]));
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i)[0]).as("pod %d went down before pod %d was ready again", i, i - 1)
                    .isAfterOrEqualTo(windows.get(i - 1)[1]);
        }
        BerthProcess dead = cluster.masters.stream().filter(m -> !m.isAlive()).findFirst().orElseThrow();
        dead.startAgain(); // back as a standby
    }

    @Test
    @Order(3)
    void aReplacedPodMovesToAnotherAgentWithAFreshVolumeAndTheOldReservationIsReleased() throws Exception {
        ServiceViews.PodRow before = pods().stream().filter(p -> p.instance().equals("hello-1")).findFirst().orElseThrow();
        List<ClusterViews.ReservationRow> oldRes = reservations().stream()
                .filter(r -> r.resourceId().startsWith("hello-1-")).toList();
        ItCluster.CommandResult r = cluster.cli("pod", "replace", "hello", "hello-1");
        assertThat(r.output()).contains("replacing hello-1 on another agent");
        ItCluster.awaitTrue(() -> pods().stream().anyMatch(p -> p.instance().equals("hello-1")
                && !p.hostname().equals(before.hostname()) && !p.tasks().isEmpty() && p.tasks().get(0).ready()),
                "hello-1 ready on another agent");
        ItCluster.awaitTrue(() -> reservations().stream().noneMatch(oldRes::contains), "the old reservations released");
        ServiceViews.PodRow after = pods().stream().filter(p -> p.instance().equals("hello-1")).findFirst().orElseThrow();
        assertThat(volumeLog("hello-1").lines().count()).isEqualTo(1); // a fresh volume: one start so far
        assertThat(after.hostname()).isNotEqualTo(before.hostname());
        assertThat(plan("recovery").status()).isEqualTo("COMPLETE");
    }

    @Test
    @Order(4)
    void badInputIsRefusedWithItsMessageAndChangesNothing() throws Exception {
        List<ServiceViews.ServiceRow> before = cluster.api.get("/v1/services", new TypeReference<>() {
        });
        assertRefused(404, "no package 'nope'", () -> install("nope", Map.of()));
        assertRefused(400, "hello.cont: unknown option", () -> install("hello", Map.of("hello.cont", "1")));
        assertRefused(400, "hello.count: 50 is above the maximum 20", () -> install("hello", Map.of("hello.count", "50")));
        assertRefused(400, "line 5", () -> install("broken", Map.of()));
        assertRefused(409, "already installed", () -> install("hello", Map.of()));
        assertRefused(404, "no service 'ghost'", () -> cluster.api.get("/v1/services/ghost/plans", Object.class));
        assertRefused(404, "has no plan 'nope'", () -> cluster.api.get("/v1/services/hello/plans/nope", Object.class));
        assertRefused(404, "no pod instance 'hello-9'",
                () -> cluster.api.post("/v1/services/hello/pods/hello-9/restart", null, Object.class, ItCluster.WAIT));
        assertRefused(409, "is COMPLETE; there is nothing to stop",
                () -> cluster.api.post("/v1/services/hello/plans/deploy/stop", null, Object.class, ItCluster.WAIT));
        assertRefused(400, "pods.hello.volumes.data: size 16 MiB -> 32 MiB",
                () -> cluster.api.post("/v1/services/hello/update", new ServiceRequests.UpdateRequest(
                        Map.of("hello.disk", "32"), null), Object.class, ItCluster.WAIT));
        ItCluster.CommandResult cli = cluster.cli("install", "hello", "--name", "hello2", "--set", "hello.count=0");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("berth: invalid options: hello.count: 0 is below the minimum 1");
        List<ServiceViews.ServiceRow> after = cluster.api.get("/v1/services", new TypeReference<>() {
        });
        assertThat(after).extracting(ServiceViews.ServiceRow::name).isEqualTo(before.stream().map(ServiceViews.ServiceRow::name).toList());
        assertThat(after.get(0).configId()).isEqualTo(before.get(0).configId());
    }

    @Test
    @Order(5)
    void uninstallLeavesNothingOfTheRoleInTheLedger() throws Exception {
        ItCluster.CommandResult r = cluster.cli("uninstall", "hello");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(reservations()).noneMatch(x -> x.role().equals("berth/hello"));
        List<ClusterViews.VolumeRow> volumes = cluster.api.get("/v1/volumes", new TypeReference<>() {
        });
        assertThat(volumes).isEmpty();
        assertThat(tasks()).filteredOn(t -> t.name().startsWith("hello-"))
                .allSatisfy(t -> assertThat(t.state()).isIn("KILLED", "FINISHED", "FAILED", "LOST"));
    }

    // ------------------------------------------------------------------ helpers

    static Object install(String pkg, Map<String, String> options) {
        return cluster.api.post("/v1/services", new ServiceRequests.InstallRequest(null, pkg, options, null),
                Object.class, ItCluster.WAIT);
    }

    static void assertRefused(int status, String message, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JsonHttp.ApiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.getMessage()).contains(message);
        });
    }

    /** The hello.log in the volume of a pod instance, found in its agent's work dir. */
    static String volumeLog(String instance) throws Exception {
        for (Path dir : cluster.workDirs.values()) {
            Path roles = dir.resolve("volumes/roles");
            if (!Files.isDirectory(roles)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(roles)) {
                List<Path> logs = walk.filter(p -> p.getFileName().toString().equals("hello.log")
                        && p.getParent().getFileName().toString().startsWith(instance + "-")).toList();
                if (!logs.isEmpty()) {
                    return Files.readString(logs.get(0));
                }
            }
        }
        throw new AssertionError("no volume of " + instance + " holds a hello.log");
    }
}
