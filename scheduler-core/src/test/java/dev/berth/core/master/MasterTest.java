package dev.berth.core.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.HeldVolume;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.core.state.InMemoryRegistry;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.core.testing.TestAccess;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The master's logic with an in-memory registry and agents played by the test (no processes). */
class MasterTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Resources AGENT = Resources.parse("cpus:4;mem:4096;disk:10000;ports:[31000-31010]");

    final InMemoryRegistry registry = new InMemoryRegistry();
    Master master = start();

    Master start() {
        return Master.start(MasterConfig.defaults()
                .withAllocationInterval(Duration.ofMillis(50))
                .withAgentTimeout(Duration.ofSeconds(2))
                .withStatusRetryInterval(Duration.ofMillis(200)), registry, Clock.systemUTC(), TestAccess.open());
    }

    @AfterEach
    void stop() {
        master.close();
    }

    /**
     * A framework that neither accepts nor declines an offer does not hold its resources: after the
     * offer timeout the master takes the offer back and offers the resources again.
     */
    @Test
    void anUnansweredOfferIsRescindedAfterTheOfferTimeoutAndItsResourcesAreOfferedAgain() throws Exception {
        master.close();
        master = Master.start(MasterConfig.defaults()
                .withAllocationInterval(Duration.ofMillis(50))
                .withAgentTimeout(Duration.ofSeconds(2))
                .withOfferTimeout(Duration.ofMillis(500)), registry, Clock.systemUTC(), TestAccess.open());
        agent("127.0.0.2");
        RecordingScheduler silent = new RecordingScheduler();
        framework("silent", "silent", silent);
        Offer first = silent.nextOffer(WAIT);

        assertThat(silent.rescinded.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(first.id());
        Offer again = silent.nextOffer(WAIT);
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.agentId()).isEqualTo(first.agentId());
        assertThat(again.resources()).isEqualTo(first.resources());
    }

    @Test
    void anAgentThatPollsAgainAtOnceNeverCountsAsSilent() throws Exception {
        String agentId = agent("127.0.0.2");
        // an agent asking to be held longer than the agent timeout (2 s) is answered within half of it
        for (int i = 0; i < 3; i++) {
            assertThat(master.pollCommands("agent", agentId, 0, Duration.ofSeconds(30)).get(1900, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .orElseThrow()).isEmpty();
        }
        assertThat(master.agents().join().get(0).status()).isEqualTo("REACHABLE");
    }

    /**
     * A master whose term ends answers the agents waiting in a long poll at once, and tells its frameworks they
     * are disconnected: nobody waits out a poll on a queue no one feeds, and taken for silent meanwhile.
     */
    @Test
    void theEndOfATermAnswersAWaitingAgentPollAtOnceAndDisconnectsItsFrameworks() throws Exception {
        String agentId = agent("127.0.0.2");
        RecordingScheduler scheduler = new RecordingScheduler();
        framework("fw", "fw", scheduler);
        scheduler.nextOffer(WAIT);
        var waiting = master.pollCommands("agent", agentId, 0, Duration.ofSeconds(30));
        assertThat(waiting).isNotDone();

        master.close();

        assertThatThrownBy(() -> waiting.get(1, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(TermEndedException.class);
        assertThat(scheduler.disconnected.await(1, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> master.pollCommands("agent", agentId, 0, Duration.ofSeconds(30)).join())
                .hasCauseInstanceOf(TermEndedException.class);
    }

    String agent(String ip) {
        return master.registerAgent("agent", Optional.empty(), new AgentInfo("-", "host-" + ip, ip, AGENT, Map.of("zone", "a")),
                List.of()).join().agentId();
    }

    FrameworkDriver framework(String name, String role, RecordingScheduler s) {
        return master.register(new FrameworkInfo(Optional.empty(), name, Role.of(role),
                Principal.of(name), Duration.ofMinutes(1)), s).join();
    }

    static Resources reserved(String role, String principal, String id, String text) {
        return Resources.parse(text).reservedAs(Reservation.of(Role.of(role), Principal.of(principal), id));
    }

    @Test
    void reserveCreateLaunchInOneAcceptThenTheTaskRuns() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);

        Offer offer = s.nextOffer(WAIT);
        assertThat(offer.resources()).isEqualTo(AGENT);
        Resources r = reserved("db/cassandra", "cassandra", "node-0", "cpus:1;mem:1024;disk:2000");
        Volume volume = Volume.of("node-0-data", "data", VolumeMode.RW,
                reserved("db/cassandra", "cassandra", "node-0", "disk:2000").list().get(0));
        TaskInfo task = task("node-0-server-1", agentId, reserved("db/cassandra", "cassandra", "node-0", "cpus:1;mem:1024"),
                new VolumeMount("node-0-data", "db/cassandra", "data", false));
        driver.accept(List.of(offer.id()), List.of(new Operation.Reserve(r), new Operation.Create(List.of(volume)),
                new Operation.Launch(List.of(task))), Duration.ofSeconds(5)).join();

        Master.AgentView view = master.agents().join().get(0);
        assertThat(view.ledger().ledger().reserved()).isEqualTo(r);
        assertThat(view.ledger().volumes()).hasSize(1);
        assertThat(view.ledger().usersOf(volume.id())).containsExactly("node-0-server-1");
        assertThat(registry.load().tasks().get("node-0-server-1").latest().state()).isEqualTo(TaskState.STAGING);

        List<Sequenced<AgentCommand>> commands = master.pollCommands("agent", agentId, 0, Duration.ofSeconds(1)).join().orElseThrow();
        assertThat(commands).singleElement().extracting(Sequenced::item).isInstanceOfSatisfying(AgentCommand.LaunchTask.class,
                l -> assertThat(l.task().taskId()).isEqualTo("node-0-server-1"));

        master.statusFromAgent("agent", agentId, TaskStatus.of("node-0-server-1", agentId, TaskState.RUNNING, "pid 42")).join();
        TaskStatus running = s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING);
        driver.acknowledge(running.taskId(), running.uuid());
    }

    @Test
    void aVolumeTheLedgerNoLongerHasIsRemovedWhenItsAgentRegistersAgainAndOneItHasIsKept() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);
        Offer offer = s.nextOffer(WAIT);
        Resources disk = reserved("db/cassandra", "cassandra", "node-0", "disk:2000");
        Volume kept = Volume.of("node-0-data", "data", VolumeMode.RW, disk.list().get(0));
        driver.accept(List.of(offer.id()), List.of(new Operation.Reserve(disk), new Operation.Create(List.of(kept))),
                Duration.ZERO).join();
        // a new leader: the DESTROY_VOLUME of a volume destroyed in the old term never reached the agent,
        // which comes back with that volume and the kept one on its disk
        master.close();
        master = start();
        HeldVolume stray = new HeldVolume(DiskSource.ROOT, Role.of("db/cassandra"), PersistenceId.of("node-1-data"));
        master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host", "127.0.0.2", AGENT, Map.of()),
                List.of(), List.of(HeldVolume.of(kept).orElseThrow(), stray)).join();

        List<Sequenced<AgentCommand>> commands = master.pollCommands("agent", agentId, 0, Duration.ofSeconds(1)).join().orElseThrow();
        assertThat(commands).extracting(Sequenced::item).containsExactly(new AgentCommand.RemoveVolume(stray));
        assertThat(master.agents().join().get(0).ledger().volumes()).containsKey(kept.id());
    }

    @Test
    void aNewAgentIsNeverToldToRemoveTheVolumesItReports() {
        HeldVolume found = new HeldVolume(DiskSource.ROOT, Role.of("db/cassandra"), PersistenceId.of("node-0-data"));
        String agentId = master.registerAgent("agent", Optional.of("agent-from-a-wiped-registry"),
                new AgentInfo("-", "host", "127.0.0.2", AGENT, Map.of()), List.of(), List.of(found)).join().agentId();

        assertThat(master.pollCommands("agent", agentId, 0, Duration.ofMillis(100)).join().orElseThrow()).isEmpty();
    }

    @Test
    void anInvalidOperationAppliesNoneOfTheAccept() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);
        Offer offer = s.nextOffer(WAIT);

        Resources r = reserved("db/cassandra", "cassandra", "node-0", "cpus:1;disk:100");
        Volume onUnreserved = Volume.of("v1", "data", VolumeMode.RW, Resource.scalar("disk", "500"));
        assertThatThrownBy(() -> driver.accept(List.of(offer.id()), List.of(new Operation.Reserve(r),
                new Operation.Create(List.of(onUnreserved))), Duration.ZERO).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(AcceptRefusedException.class)
                .hasMessageContaining("operation 1 (CREATE)")
                .hasMessageContaining("v1");
        assertThat(RecordingScheduler.take(s.errors, WAIT, e -> true, "an error")).contains("operation 1 (CREATE)");

        Master.AgentView view = master.agents().join().get(0);
        assertThat(view.ledger().ledger().reserved().isEmpty()).isTrue();
        assertThat(view.ledger().volumes()).isEmpty();
        assertThat(registry.load().agents().get(agentId).resources()).isEqualTo(AGENT);
        // the resources come back in a new offer
        assertThat(s.nextOffer(WAIT).resources()).isEqualTo(AGENT);
    }

    /** A task id names the task's sandbox and cgroups on the agent: one that is not one plain path element is refused. */
    @Test
    void aLaunchWhoseTaskIdIsNotOnePathElementIsRefusedAndNothingOfTheAcceptIsApplied() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);
        Resources r = reserved("db/cassandra", "cassandra", "node-0", "cpus:1;mem:1024");

        for (String id : List.of("../../etc", "a/b", "", "..")) {
            Offer offer = s.nextOffer(WAIT);
            TaskInfo task = task(id, agentId, r);
            assertThatThrownBy(() -> driver.accept(List.of(offer.id()), List.of(new Operation.Reserve(r),
                    new Operation.Launch(List.of(task(("node-0-server-1"), agentId, r), task))), Duration.ZERO).join())
                    .as(id).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(AcceptRefusedException.class)
                    .hasMessage("accept refused, nothing applied: operation 1 (LAUNCH): task_id: '" + id
                            + "' is not accepted; use 1-200 characters of [A-Za-z0-9._-] starting with a letter or digit");

            Master.AgentView view = master.agents().join().get(0);
            assertThat(view.ledger().ledger().reserved().isEmpty()).isTrue();
            assertThat(registry.load().tasks()).isEmpty();
            assertThat(master.pollCommands("agent", agentId, 0, Duration.ofMillis(200)).join().orElseThrow()).isEmpty();
        }
    }

    @Test
    void reservedResourcesAreOfferedOnlyToTheirRole() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler kafka = new RecordingScheduler();
        FrameworkDriver kafkaDriver = framework("kafka", "db/kafka", kafka);
        Offer first = kafka.nextOffer(WAIT);
        Resources r = reserved("db/kafka", "kafka", "broker-0", "cpus:2;mem:2048");
        kafkaDriver.accept(List.of(first.id()), List.of(new Operation.Reserve(r)), Duration.ofMinutes(5)).join();

        RecordingScheduler other = new RecordingScheduler();
        framework("cassandra", "db/cassandra", other);
        Offer toOther = other.nextOfferFrom(agentId, WAIT);
        assertThat(toOther.resources().reserved().isEmpty()).isTrue();
        assertThat(toOther.resources()).isEqualTo(Resources.parse("cpus:2;mem:2048;disk:10000;ports:[31000-31010]"));

        kafkaDriver.revive();
        Offer back = kafka.nextOfferFrom(agentId, WAIT);
        assertThat(back.resources().reservedFor(Role.of("db/kafka"))).isEqualTo(r);
    }

    @Test
    void statusUpdatesAreRetriedUntilAcknowledged() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("hello", "hello", s);
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("t1", agentId, Resources.parse("cpus:0.5;mem:64"))))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "")).join();

        TaskStatus once = s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING);
        TaskStatus again = s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING);
        assertThat(again.uuid()).isEqualTo(once.uuid());
        driver.acknowledge("t1", once.uuid());

        master.statusFromAgent("agent", agentId, new TaskStatus("t1", agentId, TaskState.FAILED, null, "exit 3", Optional.of(3), Optional.empty(), false,
                null, null)).join();
        TaskStatus failed = s.nextStatus(WAIT, st -> st.state() == TaskState.FAILED);
        assertThat(failed.exitCode()).contains(3);
        // the task's resources are free again
        assertThat(master.agents().join().get(0).ledger().ledger().free()).isEqualTo(AGENT);
    }

    @Test
    void anAgentSilentPastItsTimeoutHasItsTasksUnreachableNotLostAndTheyRunOnWhenItComesBack() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("hello", "hello", s);
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("t1", agentId, Resources.parse("cpus:1"))))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "").withReady(true)).join();
        driver.acknowledge("t1", s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING).uuid());

        TaskStatus cutOff = s.nextStatus(WAIT, st -> st.state() == TaskState.UNREACHABLE);
        assertThat(cutOff.message()).contains("agent " + agentId + " unreachable");
        driver.acknowledge("t1", cutOff.uuid());
        assertThat(cutOff.ready()).as("ready as it was before the partition").isTrue();
        assertThat(master.agents().join().get(0).status()).isEqualTo("UNREACHABLE");
        // the task may still run there: it keeps what it holds
        assertThat(master.agents().join().get(0).ledger().ledger().free()).isEqualTo(AGENT.minus(Resources.parse("cpus:1")));
        // a poll from the agent now tells it to register again
        assertThat(master.pollCommands("agent", agentId, 0, Duration.ofMillis(10)).join()).isEmpty();

        // it comes back with the task running: the framework hears RUNNING again and nothing is killed
        master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host", "127.0.0.2", AGENT, Map.of()),
                List.of(TaskStatus.of("t1", agentId, TaskState.RUNNING, "re-attached"))).join();
        assertThat(s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING && st.message().equals("re-attached")).taskId())
                .isEqualTo("t1");
        assertThat(master.tasks().join().get(0).latest().state()).isEqualTo(TaskState.RUNNING);
        assertThat(master.pollCommands("agent", agentId, 0, Duration.ofMillis(50)).join().orElseThrow()).isEmpty();
    }

    @Test
    void aKillOfAnUnreachableTaskEndsItAsLostAndTheAgentBackWithItIsToldToKillIt() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("hello", "hello", s);
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("t1", agentId, Resources.parse("cpus:1"))))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "")).join();
        driver.acknowledge("t1", s.nextStatus(WAIT, st -> st.state() == TaskState.RUNNING).uuid());
        driver.acknowledge("t1", s.nextStatus(WAIT, st -> st.state() == TaskState.UNREACHABLE).uuid());

        driver.kill("t1");
        TaskStatus lost = s.nextStatus(WAIT, st -> st.state() == TaskState.LOST);
        assertThat(lost.message()).contains("kill asked while agent " + agentId + " is unreachable");
        assertThat(master.agents().join().get(0).ledger().ledger().free()).isEqualTo(AGENT);

        master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host", "127.0.0.2", AGENT, Map.of()),
                List.of(TaskStatus.of("t1", agentId, TaskState.RUNNING, "re-attached"))).join();
        List<Sequenced<AgentCommand>> commands = master.pollCommands("agent", agentId, 0, Duration.ofSeconds(1)).join().orElseThrow();
        assertThat(commands).extracting(Sequenced::item).singleElement()
                .isInstanceOfSatisfying(AgentCommand.KillTask.class, k -> assertThat(k.taskId()).isEqualTo("t1"));
        assertThat(master.tasks().join().get(0).latest().state()).isEqualTo(TaskState.LOST);
    }

    @Test
    void reconcileAnswersTheLatestStateOfEveryTask() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("hello", "hello", s);
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("t1", agentId, Resources.parse("cpus:1")), task("t2", agentId, Resources.parse("cpus:1"))))),
                Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "")).join();

        driver.reconcile(List.of());
        TaskStatus t1 = s.nextStatus(WAIT, st -> st.taskId().equals("t1") && st.state() == TaskState.RUNNING);
        TaskStatus t2 = s.nextStatus(WAIT, st -> st.taskId().equals("t2") && st.state() == TaskState.STAGING);
        assertThat(t1.agentId()).isEqualTo(t2.agentId());
        driver.reconcile(List.of("nope"));
        assertThat(s.nextStatus(WAIT, st -> st.taskId().equals("nope")).state()).isEqualTo(TaskState.LOST);
    }

    /** Mesos's agent reconfiguration: an agent may come back larger, or smaller only down to what nothing holds. */
    @Test
    void anAgentMayComeBackGrownButNotShrunkBelowWhatIsReserved() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);
        Resources r = reserved("db/cassandra", "cassandra", "node-0", "cpus:3;mem:100");
        driver.accept(List.of(s.nextOffer(WAIT).id()), List.of(new Operation.Reserve(r)), Duration.ZERO).join();

        Resources grown = Resources.parse("cpus:8;mem:8192;disk:10000;ports:[31000-31010]");
        master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host", "127.0.0.2", grown, Map.of()),
                List.of()).join();
        Master.AgentView view = master.agents().join().get(0);
        assertThat(view.info().resources()).isEqualTo(grown);
        assertThat(view.ledger().ledger().reserved()).isEqualTo(r);
        assertThat(registry.load().agents().get(agentId).info().resources()).isEqualTo(grown);

        Resources shrunk = Resources.parse("cpus:2;mem:8192;disk:10000;ports:[31000-31010]");
        assertThatThrownBy(() -> master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host",
                "127.0.0.2", shrunk, Map.of()), List.of()).join()).cause()
                .hasMessageContaining("cannot hold what is reserved").hasMessageContaining("may grow, or shrink only to what is free");
        assertThat(registry.load().agents().get(agentId).info().resources()).isEqualTo(grown);
    }

    @Test
    void aNewMasterRecoversAgentsLedgersAndTasksFromTheRegistry() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework("cassandra", "db/cassandra", s);
        Offer offer = s.nextOffer(WAIT);
        Resources r = reserved("db/cassandra", "cassandra", "node-0", "cpus:1;mem:100");
        driver.accept(List.of(offer.id()), List.of(new Operation.Reserve(r), new Operation.Launch(List.of(
                task("t1", agentId, r)))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of("t1", agentId, TaskState.RUNNING, "")).join();
        master.close();

        master = start();
        Master.AgentView view = master.agents().join().get(0);
        assertThat(view.status()).isEqualTo("RECOVERING");
        assertThat(view.ledger().ledger().reserved()).isEqualTo(r);
        assertThat(master.tasks().join()).singleElement()
                .satisfies(t -> assertThat(t.latest().state()).isEqualTo(TaskState.RUNNING));

        // the agent comes back with the task still running: nothing is lost or killed
        TaskStatus stillRunning = TaskStatus.of("t1", agentId, TaskState.RUNNING, "re-attached");
        master.registerAgent("agent", Optional.of(agentId), new AgentInfo(agentId, "host", "127.0.0.2", AGENT, Map.of()),
                List.of(stillRunning)).join();
        assertThat(master.agents().join().get(0).status()).isEqualTo("REACHABLE");
        assertThat(master.tasks().join().get(0).latest().state()).isEqualTo(TaskState.RUNNING);
        assertThat(master.pollCommands("agent", agentId, 0, Duration.ofMillis(50)).join().orElseThrow()).isEmpty();
    }

    @Test
    void aFrameworkAwayPastItsFailoverTimeoutHasItsTasksKilledAndIsRemoved() {
        String agentId = agent("127.0.0.2");
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = master.register(new FrameworkInfo(Optional.empty(), "brief", Role.of("brief"),
                Principal.of("brief"), Duration.ofMillis(300)), s).join();
        Offer offer = s.nextOffer(WAIT);
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(
                task("t1", agentId, Resources.parse("cpus:1"))))), Duration.ZERO).join();
        master.pollCommands("agent", agentId, 0, Duration.ZERO).join();

        master.disconnectFramework(driver.frameworkId()).join();
        // the kill goes to the agent once the failover timeout is over
        List<Sequenced<AgentCommand>> commands = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (commands.isEmpty() && System.nanoTime() < deadline) {
            commands = master.pollCommands("agent", agentId, 1, Duration.ofSeconds(1)).join().orElseThrow();
        }
        assertThat(commands).extracting(Sequenced::item).singleElement()
                .isInstanceOfSatisfying(AgentCommand.KillTask.class, k -> assertThat(k.taskId()).isEqualTo("t1"));
        // and it is forgotten, in memory and in the registry, as after a teardown
        assertThat(master.frameworks().join()).extracting(f -> f.id().orElseThrow()).doesNotContain(driver.frameworkId());
        assertThat(registry.load().frameworks()).doesNotContainKey(driver.frameworkId());
    }

    static TaskInfo task(String id, String agentId, Resources resources, VolumeMount... volumes) {
        return new TaskInfo(id, id, agentId, resources, CommandInfo.of("sleep 1000"), List.of(volumes),
                Duration.ofSeconds(3), Map.of());
    }

    /**
     * A read of a task's file travels as a command on its agent's poll and comes back as the agent's answer; only
     * that agent's principal may answer it, and the reader learns of a missing file or a refused path as such.
     */
    @Nested
    class TaskFileReads {
        static final String TASK = "hello-0-server-1";
        String agentId;
        long confirmed;

        @BeforeEach
        void aRunningTask() {
            agentId = agent("127.0.0.2");
            RecordingScheduler s = new RecordingScheduler();
            FrameworkDriver driver = framework("hello", "hello", s);
            Offer offer = s.nextOffer(WAIT);
            driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(task(TASK, agentId,
                    Resources.parse("cpus:1;mem:128"))))), Duration.ofSeconds(5)).join();
            confirmed = master.pollCommands("agent", agentId, 0, Duration.ofSeconds(1)).join().orElseThrow().get(0).sequence();
        }

        AgentCommand.ReadFile nextRead() {
            List<Sequenced<AgentCommand>> commands = master.pollCommands("agent", agentId, confirmed, Duration.ofSeconds(5))
                    .join().orElseThrow();
            confirmed = commands.get(commands.size() - 1).sequence();
            return (AgentCommand.ReadFile) commands.get(0).item();
        }

        @Test
        void theAgentsAnswerReachesTheReaderAndAnotherPrincipalCannotAnswerForIt() throws Exception {
            CompletableFuture<TaskFileChunk> reading = master.readTaskFile("someone", new TaskFileRead(TASK, "stdout", 0, 5, 4096));
            AgentCommand.ReadFile read = nextRead();
            assertThat(read.read().taskId()).isEqualTo(TASK);
            assertThat(read.read().tailLines()).isEqualTo(5);

            TaskFileChunk chunk = new TaskFileChunk(TASK, "stdout", 0, 6, 6, false, false, "hello\n");
            assertThatThrownBy(() -> master.fileFromAgent("intruder", agentId, read.requestId(), TaskFileAnswer.of(
                    new TaskFileChunk(TASK, "stdout", 0, 5, 5, false, false, "fake\n"))).join())
                    .hasCauseInstanceOf(AccessDeniedException.class);
            assertThat(reading).isNotDone();

            master.fileFromAgent("agent", agentId, read.requestId(), TaskFileAnswer.of(chunk)).join();
            TaskFileChunk got = reading.get(5, TimeUnit.SECONDS);
            assertThat(got.data()).isEqualTo("hello\n");
            assertThat(got.taskEnded()).isFalse(); // STAGING: more may come
        }

        @Test
        void aMissingFileIsNotFoundAndAPathTheAgentRefusesIsInvalidInput() {
            CompletableFuture<TaskFileChunk> missing = master.readTaskFile("someone", new TaskFileRead(TASK, "logs/system.log", 0, 0, 4096));
            master.fileFromAgent("agent", agentId, nextRead().requestId(), TaskFileAnswer.missing("task has no file 'logs/system.log'")).join();
            assertThatThrownBy(missing::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(NoSuchTaskException.class)
                    .hasMessageContaining("no file 'logs/system.log'");

            CompletableFuture<TaskFileChunk> refused = master.readTaskFile("someone", new TaskFileRead(TASK, "logs/x.log", 0, 0, 4096));
            master.fileFromAgent("agent", agentId, nextRead().requestId(), TaskFileAnswer.refused("file: 'logs/x.log' leads outside")).join();
            assertThatThrownBy(refused::join).hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("leads outside");
        }

        @Test
        void anUnknownTaskIsNotFoundWithoutAskingAnyAgent() {
            assertThatThrownBy(() -> master.readTaskFile("someone", new TaskFileRead("nobody-0-x", "stdout", 0, 0, 10)).join())
                    .hasCauseInstanceOf(NoSuchTaskException.class).hasMessageContaining("no task 'nobody-0-x'");
        }

        @Test
        void anAnswerToARequestSentToAnotherAgentIsDropped() {
            String other = agent("127.0.0.3");
            CompletableFuture<TaskFileChunk> reading = master.readTaskFile("someone", new TaskFileRead(TASK, "stdout", 0, 0, 10));
            AgentCommand.ReadFile read = nextRead();
            master.fileFromAgent("agent", other, read.requestId(), TaskFileAnswer.of(
                    new TaskFileChunk(TASK, "stdout", 0, 5, 5, false, false, "fake\n"))).join();
            assertThat(reading).isNotDone();
            master.fileFromAgent("agent", agentId, read.requestId(), TaskFileAnswer.of(
                    new TaskFileChunk(TASK, "stdout", 0, 5, 5, false, false, "real\n"))).join();
            assertThat(reading.join().data()).isEqualTo("real\n");
        }
    }
}
