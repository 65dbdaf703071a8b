package dev.berth.core.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.CommandInfo;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.Sequenced;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.InMemoryRegistry;
import dev.berth.core.testing.ManualClock;
import dev.berth.core.testing.RecordingScheduler;
import dev.berth.core.testing.TestAccess;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task that crash-loops (the framework relaunches it under a new task id each time, as the SDK does)
 * leaves the master's tasks, its registry and its queues to a framework bounded. The agent is played by
 * the test; the clock is the test's, moved one second per crash.
 */
class MasterCrashLoopTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Resources AGENT = Resources.parse("cpus:4;mem:4096;disk:10000;ports:[31000-31010]");
    static final int CRASHES = 200;

    final InMemoryRegistry registry = new InMemoryRegistry();
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    Master master;
    String agentId;
    long confirmed;

    Master start(TaskRetention retention) {
        // an agent timeout of an hour: the test's clock jumps, its agent is never silent
        master = Master.start(MasterConfig.defaults().withAllocationInterval(Duration.ofMillis(20))
                .withAgentTimeout(Duration.ofHours(1)).withStatusRetryInterval(Duration.ofMillis(200))
                .withCompletedTasks(retention), registry, clock, TestAccess.open());
        agentId = master.registerAgent("agent", Optional.empty(),
                new AgentInfo("-", "host-a", "127.0.0.2", AGENT, Map.of()), List.of()).join().agentId();
        return master;
    }

    @AfterEach
    void stop() {
        master.close();
    }

    FrameworkDriver framework(Scheduler s) {
        return master.register(new FrameworkInfo(Optional.empty(), "cassandra", Role.of("db/cassandra"),
                Principal.of("cassandra"), Duration.ofMinutes(1)), s).join();
    }

    /** The framework launches {@code id}; the agent takes the launch, reports it RUNNING, then FAILED (exit 1). */
    void launchAndCrash(FrameworkDriver driver, RecordingScheduler s, String id) {
        Offer offer = s.nextOffer(WAIT);
        TaskInfo task = new TaskInfo(id, "node-0-server", agentId, Resources.parse("cpus:1;mem:256"),
                CommandInfo.of("exit 1"), List.of(), Duration.ofSeconds(3), Map.of());
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(task))), Duration.ZERO).join();
        List<Sequenced<AgentCommand>> commands = master.pollCommands("agent", agentId, confirmed, Duration.ofSeconds(1))
                .join().orElseThrow();
        confirmed = commands.get(commands.size() - 1).sequence();
        master.statusFromAgent("agent", agentId, TaskStatus.of(id, agentId, TaskState.RUNNING, "pid 42")).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of(id, agentId, TaskState.FAILED,
                TaskStatus.Reason.COMMAND_EXITED, "exited with status 1")).join();
    }

    /** Crash-loops the task, returns the most tasks the registry held at once. */
    int crashLoop(FrameworkDriver driver, RecordingScheduler s) {
        int most = 0;
        for (int i = 0; i < CRASHES; i++) {
            String id = "node-0-server__" + i;
            launchAndCrash(driver, s, id);
            s.nextStatus(WAIT, st -> st.taskId().equals(id) && st.state() == TaskState.FAILED);
            clock.advance(Duration.ofSeconds(1));
            most = Math.max(most, registry.load().tasks().size());
        }
        return most;
    }

    @Test
    void aTaskThatCrashLoops200TimesLeavesAtMostTheNewestCompletedTasksOfItsFramework() {
        start(new TaskRetention(Duration.ofHours(1), 10));
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework(s);
        s.acknowledgeWith(driver);

        int most = crashLoop(driver, s);

        await().atMost(WAIT).until(() -> registry.load().tasks().size() <= 10);
        List<String> kept = registry.load().tasks().keySet().stream().sorted().toList();
        System.out.printf("crash loop of %d launches, keeping 10 per framework: the registry held at most %d tasks,"
                + " %d at the end; the master shows %d%n", CRASHES, most, kept.size(), master.tasks().join().size());
        assertThat(kept).hasSize(10).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(id.indexOf("__") + 2)))
                .isGreaterThanOrEqualTo(CRASHES - 10)); // the newest stay
        assertThat(master.tasks().join()).hasSize(10);
        assertThat(most).isLessThanOrEqualTo(25); // sweeps run every 20 ms, a crash takes about as long
    }

    @Test
    void completedTasksLeaveTheRegistryAfterTheRetentionPeriod() throws Exception {
        start(new TaskRetention(Duration.ofSeconds(30), 1000));
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework(s);
        s.acknowledgeWith(driver);

        int most = crashLoop(driver, s);
        int atEnd = registry.load().tasks().size();
        Thread.sleep(200); // sweeps (every 20 ms) see the last task acknowledged before the clock moves on
        clock.advance(Duration.ofSeconds(31));
        await().atMost(WAIT).until(() -> registry.load().tasks().isEmpty());

        System.out.printf("crash loop of %d launches, one a second, retention 30 s: the registry held at most %d"
                + " tasks, %d at the end, none 31 s later%n", CRASHES, most, atEnd);
        assertThat(most).isBetween(25, 40); // 30 s of crashes, and the sweeps' lag
        assertThat(master.tasks().join()).isEmpty();
    }

    /** An update the framework has not acknowledged keeps its task: the framework must hear how it ended. */
    @Test
    void aSlowFrameworkGetsOneCopyOfEachUpdateNotOnePerRetryAndItsTasksStayUntilAcknowledged() throws Exception {
        start(new TaskRetention(Duration.ZERO, 0));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        RecordingScheduler s = new RecordingScheduler();
        Scheduler stuck = new Scheduler() {
            @Override
            public void registered(FrameworkDriver d, String id) {
                s.registered(d, id);
            }

            @Override
            public void offers(List<Offer> offers) {
                s.offers(offers);
            }

            @Override
            public void rescinded(String offerId) {
                s.rescinded(offerId);
            }

            @Override
            public void error(String message) {
                s.error(message);
            }

            @Override
            public void statusUpdate(TaskStatus status) {
                delivered.incrementAndGet();
                try {
                    release.await(); // the framework's thread is stuck (a slow hook, say)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        FrameworkDriver driver = framework(stuck);
        int tasks = 20;
        // one offer for all: the framework's thread, stuck on the first update, takes no later offer
        Offer offer = s.nextOffer(WAIT);
        List<TaskInfo> launches = new java.util.ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            launches.add(new TaskInfo("node-" + i + "-server__0", "node-" + i + "-server", agentId,
                    Resources.parse("cpus:0.1;mem:64"), CommandInfo.of("exit 1"), List.of(), Duration.ofSeconds(3), Map.of()));
        }
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(launches)), Duration.ZERO).join();
        for (TaskInfo t : launches) {
            master.statusFromAgent("agent", agentId, TaskStatus.of(t.taskId(), agentId, TaskState.RUNNING, "pid 42")).join();
            master.statusFromAgent("agent", agentId, TaskStatus.of(t.taskId(), agentId, TaskState.FAILED,
                    TaskStatus.Reason.COMMAND_EXITED, "exited with status 1")).join();
        }
        for (int round = 0; round < 10; round++) { // ten retry intervals pass, each seen by a retry round
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(250);
        }
        release.countDown();
        Thread.sleep(500);
        int afterRelease = delivered.get();

        System.out.printf("%d tasks ended while their framework was stuck through 10 retry rounds: it then got %d"
                + " status deliveries; the registry keeps the %d unacknowledged tasks%n", tasks, afterRelease,
                registry.load().tasks().size());
        // each task's head update (RUNNING) once, the stuck one's one queued retry, then one retry round of
        // all once the framework took them (the clock stands still after it); one copy per retry would be 220
        assertThat(afterRelease).isLessThanOrEqualTo(2 * tasks + 1);
        assertThat(registry.load().tasks()).hasSize(tasks);
    }

    /** A framework that leaves for good takes its tasks out of the registry once they ended. */
    @Test
    void aTornDownFrameworkLeavesNoTaskInTheRegistry() {
        start(TaskRetention.DEFAULTS);
        RecordingScheduler s = new RecordingScheduler();
        FrameworkDriver driver = framework(s);
        s.acknowledgeWith(driver);
        launchAndCrash(driver, s, "node-0-server__0");
        Offer offer = s.nextOffer(WAIT);
        TaskInfo running = new TaskInfo("node-1-server__0", "node-1-server", agentId, Resources.parse("cpus:1;mem:256"),
                CommandInfo.of("sleep 1000"), List.of(), Duration.ofSeconds(3), Map.of());
        driver.accept(List.of(offer.id()), List.of(new Operation.Launch(List.of(running))), Duration.ZERO).join();
        master.statusFromAgent("agent", agentId, TaskStatus.of(running.taskId(), agentId, TaskState.RUNNING, "pid 43")).join();

        driver.teardown();
        List<Sequenced<AgentCommand>> commands = await().atMost(WAIT).until(() -> master.pollCommands("agent", agentId,
                confirmed, Duration.ofMillis(100)).join().orElseThrow(), c -> c.stream()
                .anyMatch(x -> x.item() instanceof AgentCommand.KillTask k && k.taskId().equals(running.taskId())));
        master.statusFromAgent("agent", agentId, TaskStatus.of(running.taskId(), agentId, TaskState.KILLED,
                TaskStatus.Reason.KILL_REQUESTED, "killed")).join();

        await().atMost(WAIT).until(() -> registry.load().tasks().isEmpty());
        System.out.printf("after the teardown: %d frameworks, %d tasks in the registry (%d commands went to the agent)%n",
                registry.load().frameworks().size(), registry.load().tasks().size(), commands.size());
        assertThat(registry.load().frameworks()).isEmpty();
        assertThat(master.tasks().join()).isEmpty();
    }
}
