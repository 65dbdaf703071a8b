package dev.berth.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.framework.RemoteFramework;
import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.access.Credentials;
import dev.berth.core.http.BearerToken;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.AccessViews;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The runtime on real parts: a real ZooKeeper server, two masters and three agents as separate
 * {@code berth} processes on loopback addresses, and a test framework talking to them over HTTP.
 * One cluster serves the whole class; the tests run in order because the later ones kill parts of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRuntimeIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Role ROLE = Role.of("it/runtime");
    static final Principal PRINCIPAL = Principal.of("it-runtime");
    static final String AGENT_RESOURCES = "cpus:1;mem:1024;disk:2048;ports:[31000-31010]";

    static ItCluster cluster;
    static Map<String, BerthProcess> agents;
    static Map<String, Path> workDirs;
    static JsonHttp api;
    static RecordingScheduler events;
    static RemoteFramework framework;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ItCluster("it-runtime", 2, 3, AGENT_RESOURCES, List.of());
        agents = cluster.agents;
        workDirs = cluster.workDirs;
        api = cluster.api;
        events = new RecordingScheduler();
        // the framework is a principal of its own, allowed its role and to launch as the agents' user
        Path credentials = cluster.principal(PRINCIPAL.name(), "framework", List.of(ROLE.name()));
        cluster.api.post("/v1/access/acl/grant", new AccessViews.Grant(PRINCIPAL.name(), null, "launch_as_user",
                List.of("root")), Object.class, Duration.ofSeconds(30));
        framework = RemoteFramework.register(cluster.masterUrls, BearerToken.of(Credentials.read(credentials).token()),
                new FrameworkInfo(Optional.empty(), "it-runtime", ROLE, PRINCIPAL, Duration.ofMinutes(10)), events);
        events.acknowledgeWith(framework);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (framework != null) {
            framework.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void invalidOperationsAreRefusedAndLeaveTheLedgerUnchanged() {
        Offer first = events.nextOffer(WAIT, o -> o.agentId().startsWith("it-runtime-agent-0"));
        List<ClusterViews.ReservationRow> before = reservations();

        assertRefused(first, List.of(new Operation.Reserve(reserved("r-over", "cpus:5;mem:10"))),
                "operation 0 (RESERVE)", "cpus: wanted 5, available 1");

        Volume onUnreserved = Volume.of("v-unreserved", "data", VolumeMode.RW, Resource.scalar("disk", "10"));
        Offer second = events.nextOffer(WAIT, o -> o.agentId().equals(first.agentId()));
        assertRefused(second, List.of(new Operation.Create(List.of(onUnreserved))),
                "operation 0 (CREATE)", "is on unreserved disk");

        Resources otherRoles = Resources.parse("cpus:0.1")
                .reservedAs(Reservation.of(Role.of("it/other"), Principal.of("other"), "x"));
        Offer third = events.nextOffer(WAIT, o -> o.agentId().equals(second.agentId()));
        // another role's resources: the ACL refuses before the ledger is asked
        assertThatThrownBy(() -> framework.accept(List.of(third.id()), List.of(new Operation.Unreserve(otherRoles)),
                Duration.ZERO).join()).cause().isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("principal 'it-runtime' may not unreserve on role 'it/other'");

        assertThat(reservations()).isEqualTo(before);
        assertThat(volumes()).isEmpty();
    }

    @Test
    @Order(2)
    void aTaskWritesIntoItsVolumeIsKilledAndItsSuccessorOnTheSameReservationReadsItBack() throws Exception {
        framework.revive();
        Offer offer = events.nextOffer(WAIT, o -> o.agentId().startsWith("it-runtime-agent-0"));
        String agentId = offer.agentId();
        Resources r = reserved("node-0", "cpus:0.2;mem:64;disk:100");
        Volume volume = Volume.of("node-0-data", "data", VolumeMode.RW, reserved("node-0", "disk:100").list().get(0));
        TaskInfo writer = task("writer-1", agentId, reserved("node-0", "cpus:0.2;mem:64"),
                "echo written-by-$BERTH_TASK_ID > data/note.txt && exec sleep 600");
        framework.accept(List.of(offer.id()), List.of(new Operation.Reserve(r), new Operation.Create(List.of(volume)),
                new Operation.Launch(List.of(writer))), Duration.ofSeconds(1)).join();
        awaitState("writer-1", TaskState.RUNNING);
        // the agent measures and reports what the task wrote into its volume, and the task itself
        awaitTrue(() -> volumes().get(0).usedBytes() == "written-by-writer-1\n".length(), "volume usage reported");
        awaitTrue(() -> tasks().stream().anyMatch(t -> t.name().equals("writer-1") && t.memoryBytes() > 0),
                "task memory reported");

        // DESTROY of a volume that a running task uses is refused, and changes nothing
        Offer withVolume = events.nextOffer(WAIT, o -> o.agentId().equals(agentId) && !o.volumes().isEmpty());
        assertRefused(withVolume, List.of(new Operation.Destroy(List.of(volume))), "operation 0 (DESTROY)",
                "is in use by task writer-1");
        assertThat(volumes()).singleElement().satisfies(v -> assertThat(v.usedBy()).containsExactly("writer-1"));

        framework.kill("writer-1");
        TaskStatus killed = awaitState("writer-1", TaskState.KILLED);
        assertThat(killed.agentId()).isEqualTo(agentId);

        // The same reservation comes back in an offer, with the volume; the next task uses both.
        framework.revive();
        Offer again = events.nextOffer(WAIT, o -> o.agentId().equals(agentId)
                && o.resources().withResourceId("node-0").contains(reserved("node-0", "cpus:0.2;mem:64"))
                && o.volumes().stream().anyMatch(v -> v.id().value().equals("node-0-data")));
        TaskInfo reader = task("reader-1", agentId, reserved("node-0", "cpus:0.2;mem:64"), "cat data/note.txt");
        framework.accept(List.of(again.id()), List.of(new Operation.Launch(List.of(reader))), Duration.ofSeconds(1)).join();
        awaitState("reader-1", TaskState.FINISHED);

        Path stdout = workDirs.get("it-runtime-agent-0").resolve("sandboxes/reader-1/stdout");
        assertThat(Files.readString(stdout)).isEqualTo("written-by-writer-1\n");
        assertThat(reservations()).singleElement().satisfies(row -> {
            assertThat(row.resourceId()).isEqualTo("node-0");
            assertThat(row.resources()).isEqualTo("cpus:0.2;mem:64;disk:100");
        });
    }

    @Test
    @Order(3)
    void aTaskGetsTheClasspathOfItsMavenArtifactsAndTheJdkItAsksFor() throws Exception {
        framework.revive();
        Offer offer = events.nextOffer(WAIT, o -> o.agentId().startsWith("it-runtime-agent-1"));
        CommandInfo command = new CommandInfo("\"$JAVA_HOME/bin/java\" -version 2>&1 | head -1; echo \"$BERTH_CLASSPATH\"",
                Map.of(), List.of("maven:org.apache.commons:commons-text:1.12.0"), "17");
        TaskInfo task = new TaskInfo("java-1", "java-1", offer.agentId(), Resources.parse("cpus:0.1;mem:64"), command,
                List.of(), Duration.ofSeconds(3), Map.of());
        framework.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(task))), Duration.ofSeconds(1)).join();
        awaitState("java-1", TaskState.FINISHED);

        List<String> out = Files.readAllLines(workDirs.get("it-runtime-agent-1").resolve("sandboxes/java-1/stdout"));
        assertThat(out.get(0)).contains("version \"17");
        assertThat(out.get(1).split(":")).hasSize(2)
                .anySatisfy(jar -> assertThat(jar).endsWith("commons-text-1.12.0.jar"))
                .anySatisfy(jar -> assertThat(jar).contains("commons-lang3"));
    }

    @Test
    @Order(4)
    void anAgentKilledWithSigkillReattachesToItsRunningTaskWithoutRelaunch() throws Exception {
        framework.revive();
        Offer offer = events.nextOffer(WAIT, o -> o.agentId().startsWith("it-runtime-agent-1"));
        framework.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("survivor-1", offer.agentId(), Resources.parse("cpus:0.1;mem:32"), "exec sleep 600")))),
                Duration.ofSeconds(1)).join();
        awaitState("survivor-1", TaskState.RUNNING);
        long pidBefore = taskPid("it-runtime-agent-1", "survivor-1");

        BerthProcess agent = agents.get("it-runtime-agent-1");
        agent.sigkill();
        assertThat(TaskProcessCleanup.sameProcess(pidBefore, startTime("it-runtime-agent-1", "survivor-1"))).isTrue();
        agent.startAgain();

        // The agent comes back as itself and reports the task running: same pid, no new launch.
        awaitState("survivor-1", TaskState.RUNNING, s -> s.message().contains("pid " + pidBefore));
        assertThat(taskPid("it-runtime-agent-1", "survivor-1")).isEqualTo(pidBefore);
        assertThat(tasks()).filteredOn(t -> t.name().equals("survivor-1")).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("RUNNING"));
    }

    @Test
    @Order(5)
    void whenTheLeadingMasterIsKilledTheStandbyLeadsWithTheSameReservationsVolumesAndTasks() throws Exception {
        List<ClusterViews.ReservationRow> reservations = reservations();
        List<ClusterViews.VolumeRow> volumes = withoutUsage(volumes());
        long survivorPid = taskPid("it-runtime-agent-1", "survivor-1");
        BerthProcess leader = cluster.leader();

        leader.sigkill();
        String newLeader = cluster.masterUrls.get(1 - cluster.masters.indexOf(leader));
        JsonHttp standby = new JsonHttp(List.of(newLeader), BearerToken.of(cluster.admin.token()));
        awaitTrue(() -> {
            try {
                return standby.get("/v1/agents", new TypeReference<List<ClusterViews.AgentRow>>() {
                }).stream().filter(a -> a.status().equals("REACHABLE")).count() == 3;
            } catch (RuntimeException e) {
                return false;
            }
        }, "the standby at " + newLeader + " leads and all 3 agents re-registered");

        assertThat(standby.get("/v1/reservations", new TypeReference<List<ClusterViews.ReservationRow>>() {
        })).isEqualTo(reservations);
        assertThat(withoutUsage(standby.get("/v1/volumes", new TypeReference<List<ClusterViews.VolumeRow>>() {
        }))).isEqualTo(volumes);
        assertThat(standby.get("/v1/tasks", new TypeReference<List<ClusterViews.TaskRow>>() {
        })).filteredOn(t -> t.name().equals("survivor-1")).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        assertThat(taskPid("it-runtime-agent-1", "survivor-1")).isEqualTo(survivorPid);
        leader.startAgain(); // back as a standby, so the class ends with two masters as it began
    }

    @Test
    @Order(6)
    void anAgentAwayPastItsTimeoutHasItsTasksUnreachableAndRunningAgainWhenItIsBack() throws Exception {
        framework.revive();
        acceptOn("it-runtime-agent-2", offer -> List.of(new Operation.Launch(List.of(
                task("orphan-1", offer.agentId(), Resources.parse("cpus:0.1;mem:32"), "exec sleep 600")))));
        awaitState("orphan-1", TaskState.RUNNING);
        long pid = taskPid("it-runtime-agent-2", "orphan-1");

        agents.get("it-runtime-agent-2").sigkill();
        // not LOST: the task may well run on, cut off; the framework decides
        TaskStatus away = awaitState("orphan-1", TaskState.UNREACHABLE);
        assertThat(away.message()).contains("unreachable").contains("timeout 5s");

        agents.get("it-runtime-agent-2").startAgain();
        awaitState("orphan-1", TaskState.RUNNING);
        assertThat(taskPid("it-runtime-agent-2", "orphan-1")).as("the same process, adopted").isEqualTo(pid);
    }

    // ------------------------------------------------------------------ helpers

    static Resources reserved(String resourceId, String text) {
        return Resources.parse(text).reservedAs(Reservation.of(ROLE, PRINCIPAL, resourceId));
    }

    static TaskInfo task(String id, String agentId, Resources resources, String command) {
        List<VolumeMount> mounts = resources.isEmpty() || resources.reserved().isEmpty() ? List.of()
                : List.of(new VolumeMount("node-0-data", ROLE.name(), "data", false));
        return new TaskInfo(id, id, agentId, resources, CommandInfo.of(command), mounts, Duration.ofSeconds(3), Map.of());
    }

    static void assertRefused(Offer offer, List<Operation> ops, String which, String why) {
        assertThatThrownBy(() -> framework.accept(List.of(offer.id()), ops, Duration.ZERO).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(AcceptRefusedException.class)
                .hasMessageContaining(which).hasMessageContaining(why);
    }

    /**
     * Accepts the next offer of an agent with the operations made for it. An offer can vanish before
     * it is used (a master failed over, an agent re-registered): then, as any framework does, the
     * next offer is taken.
     */
    static void acceptOn(String agentPrefix, java.util.function.Function<Offer, List<Operation>> ops) {
        for (int attempt = 1; ; attempt++) {
            Offer offer = events.nextOffer(WAIT, o -> o.agentId().startsWith(agentPrefix));
            try {
                framework.accept(List.of(offer.id()), ops.apply(offer), Duration.ofSeconds(1)).join();
                return;
            } catch (CompletionException e) {
                if (attempt >= 5 || !e.getCause().getMessage().contains("is not outstanding")) {
                    throw e;
                }
            }
        }
    }

    static TaskStatus awaitState(String taskId, TaskState state) {
        return awaitState(taskId, state, s -> true);
    }

    static TaskStatus awaitState(String taskId, TaskState state, java.util.function.Predicate<TaskStatus> also) {
        return events.nextStatus(WAIT, st -> st.taskId().equals(taskId) && st.state() == state && also.test(st));
    }

    static long taskPid(String agent, String taskId) throws Exception {
        return Long.parseLong(Files.readString(workDirs.get(agent).resolve("sandboxes/" + taskId + "/.berth/pid")).trim().split("\\s+")[0]);
    }

    static String startTime(String agent, String taskId) throws Exception {
        return Files.readString(workDirs.get(agent).resolve("sandboxes/" + taskId + "/.berth/pid")).trim().split("\\s+")[1];
    }

    static List<ClusterViews.ReservationRow> reservations() {
        return api.get("/v1/reservations", new TypeReference<>() {
        });
    }

    static List<ClusterViews.VolumeRow> volumes() {
        return api.get("/v1/volumes", new TypeReference<>() {
        });
    }

    /** Usage is measured, not durable state: a new leader has it only after the agents' next report. */
    static List<ClusterViews.VolumeRow> withoutUsage(List<ClusterViews.VolumeRow> rows) {
        return rows.stream().map(v -> new ClusterViews.VolumeRow(v.agentId(), v.persistenceId(), v.role(), v.size(),
                v.containerPath(), v.mode(), v.source(), v.usedBy(), 0)).toList();
    }

    static List<ClusterViews.TaskRow> tasks() {
        return api.get("/v1/tasks", new TypeReference<>() {
        });
    }

    static void awaitTrue(ItCluster.Condition condition, String what) {
        ItCluster.awaitTrue(condition, what);
    }
}
