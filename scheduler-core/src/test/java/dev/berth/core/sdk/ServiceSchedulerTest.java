package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.state.InMemoryStateStore;
import dev.berth.core.spec.ConfigTemplate;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.VolumeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service scheduler driven tick by tick by the simulation harness: no processes, no master. */
class ServiceSchedulerTest {
    static final String AGENT = "cpus:2;mem:2048;disk:4096;ports:[31000-31010]";

    static ServiceSpec hello(int count, double cpus) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", cpus, 64,
                List.of(new PortSpec("http", 0, null, "hello")), List.of(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
        PodSpec pod = new PodSpec("hello", count, List.of(new PlacementRule.UniqueAgent()),
                List.of(new VolumeSpec("data", 100, "ROOT")), List.of(server), Optional.empty());
        return new ServiceSpec("hello", "berth/hello", "hello", List.of(pod), List.of());
    }

    ServiceSimulation sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    ServiceSimulation threeAgents(ServiceSpec spec) {
        sim = new ServiceSimulation(spec, Map.of("hello.count", spec.pods().get(0).count()));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of("zone", "a"));
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of("zone", "b"));
        sim.agent("agent-2", "127.0.0.4", AGENT, Map.of("zone", "c"));
        return sim;
    }

    void deployAll() {
        for (int i = 0; i < 10 && !sim.plan(PlanFactory.DEPLOY).isComplete(); i++) {
            sim.offerAll();
            sim.allLaunchedRunReady();
        }
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void theFirstLaunchOfAnInstanceIsOneAcceptOfReserveCreateLaunch() {
        threeAgents(hello(3, 0.5));
        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(1);
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        Operation.Reserve reserve = (Operation.Reserve) sim.driver.accepts.get(0).get(0);
        assertThat(reserve.resources().list()).allSatisfy(r ->
                assertThat(r.reservation().orElseThrow().labels().resourceId()).isPresent());
        assertThat(sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(0).status()).isEqualTo(Status.PREPARED);
    }

    @Test
    void aSerialDeployStartsTheNextInstanceOnlyWhenThePreviousIsReady() {
        threeAgents(hello(3, 0.5));
        sim.offerAll();
        sim.status("hello-0-server", TaskState.RUNNING, false);
        assertThat(sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(0).status()).isEqualTo(Status.STARTED);
        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(1); // hello-1 waits for hello-0's readiness
        sim.status("hello-0-server", TaskState.RUNNING, true);
        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(2);
        assertThat(sim.driver.latestLaunch("hello-1-server").agentId())
                .isNotEqualTo(sim.driver.latestLaunch("hello-0-server").agentId());
        sim.allLaunchedRunReady();
        sim.offerAll();
        sim.allLaunchedRunReady();
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
        // one instance per agent: the unique-agent rule spread them
        assertThat(sim.driver.launches().stream().map(TaskInfo::agentId).distinct()).hasSize(3);
    }

    @Test
    void aStepThatDoesNotFitSaysWhichResourceIsShortOnWhichAgent() {
        threeAgents(hello(1, 4.0));
        sim.offerAll();
        assertThat(sim.driver.accepts).isEmpty();
        String why = sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(0).message();
        assertThat(why).contains("no offer fits hello-0").contains("agent-0 (127.0.0.2): cpus short by 2 (needs 4, has 2)");
    }

    @Test
    void aFailedTaskIsRelaunchedInPlaceOnItsReservationWithBackoff() {
        threeAgents(hello(1, 0.5));
        deployAll();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        sim.status("hello-0-server", TaskState.FAILED, false);
        Plan recovery = sim.plan(PlanFactory.RECOVERY);
        assertThat(recovery.phases().get(0).steps()).singleElement().satisfies(s -> assertThat(s.podInstance()).isEqualTo("hello-0"));

        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(1); // backoff: not yet
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps().get(0).message()).contains("backoff");
        sim.clock.advance(Duration.ofSeconds(2));
        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(2);
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH"); // no second reservation
        TaskInfo again = sim.driver.latestLaunch("hello-0-server");
        assertThat(again.agentId()).isEqualTo(first.agentId());
        assertThat(again.resources()).isEqualTo(first.resources());
        assertThat(again.volumes()).isEqualTo(first.volumes());
        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void anUpdateRollsOneInstanceAtATimeOnTheSameReservationsGrowingThem() {
        threeAgents(hello(2, 0.5));
        deployAll();
        ServiceTarget next = new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(), hello(2, 0.75), Instant.now());
        sim.submit(new ServiceCommand.UpdateTarget(next));
        sim.offerAll();
        assertThat(sim.driver.kills).hasSize(1); // the first instance is stopped first
        String killedTask = sim.driver.kills.get(0);
        assertThat(killedTask).startsWith("hello-0-server__");
        sim.status("hello-0-server", TaskState.KILLED, false);
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "LAUNCH");
        assertThat(sim.driver.latestLaunch("hello-0-server").labels()).containsEntry("config_id", "config-2");
        assertThat(sim.driver.kills).hasSize(1); // hello-1 untouched while hello-0 is not ready
        sim.status("hello-0-server", TaskState.RUNNING, true);
        sim.offerAll();
        assertThat(sim.driver.kills).hasSize(2);
        sim.status("hello-1-server", TaskState.KILLED, false);
        sim.offerAll();
        sim.status("hello-1-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.UPDATE).status()).isEqualTo(Status.COMPLETE);
        // the recovery plan did not treat the update's kills as failures
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).isEmpty();
    }

    @Test
    void aReplacedInstanceMovesWithAFreshReservationAndTheOldOneIsReleased() {
        threeAgents(hello(1, 0.5));
        deployAll();
        String oldAgent = sim.driver.latestLaunch("hello-0-server").agentId();
        sim.submit(new ServiceCommand.ReplacePod("hello-0"));
        sim.status("hello-0-server", TaskState.KILLED, false);
        sim.agents.get(oldAgent).reachable = false;
        sim.offerAll();
        TaskInfo moved = sim.driver.latestLaunch("hello-0-server");
        assertThat(moved.agentId()).isNotEqualTo(oldAgent);
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        assertThat(moved.command().environment()).containsEntry("BERTH_REPLACE_IP", "127.0.0.2");
        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);

        // the old agent comes back: its reservation and volume are given back
        sim.agents.get(oldAgent).reachable = true;
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("DESTROY", "UNRESERVE");
        assertThat(sim.agents.get(oldAgent).ledger.ledger().reserved().isEmpty()).isTrue();
        assertThat(sim.agents.get(oldAgent).ledger.volumes()).isEmpty();
    }

    @Test
    void aReplaceAskedBeforeTheSchedulerRestartsIsStillAReplaceAfterItNotARestartInPlace() {
        threeAgents(hello(1, 0.5));
        deployAll();
        String oldAgent = sim.driver.latestLaunch("hello-0-server").agentId();
        sim.submit(new ServiceCommand.ReplacePod("hello-0"));
        assertThat(sim.store.intents().get("hello-0").replace()).as("durable before it is acted on").isTrue();

        sim.start(); // a master failover: a new scheduler from the state store
        sim.status("hello-0-server", TaskState.KILLED, false);
        sim.offerAll();

        TaskInfo moved = sim.driver.latestLaunch("hello-0-server");
        assertThat(moved.agentId()).isNotEqualTo(oldAgent);
        assertThat(moved.command().environment()).containsEntry("BERTH_REPLACE_IP", "127.0.0.2");
        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.store.intents()).as("nothing left pending once it is done").isEmpty();
    }

    @Test
    void theBackoffAndThePermanentFailureClockGoOnAcrossASchedulerRestart() {
        threeAgents(hello(1, 0.5));
        deployAll();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        sim.status("hello-0-server", TaskState.FAILED, false);
        sim.start();
        sim.offerAll();
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps().get(0).message())
                .as("the failure counted before the restart still holds the relaunch back").contains("(backoff)");

        sim.clock.advance(Duration.ofMinutes(1));
        sim.offerAll();
        sim.status("hello-0-server", TaskState.RUNNING, true);
        sim.agents.get(first.agentId()).reachable = false;
        sim.status("hello-0-server", TaskState.UNREACHABLE, true);
        sim.clock.advance(ServiceScheduler.Settings.defaults().permanentFailure().minusSeconds(10));
        sim.start(); // the clock started before the restart is not started over
        sim.clock.advance(Duration.ofSeconds(11));
        sim.offerAll();
        assertThat(sim.driver.kills).contains(sim.driver.latestLaunch("hello-0-server").taskId());
    }

    @Test
    void aRolledTaskThatEndedHasItsResourcesOfferedAgainAtOnce() {
        threeAgents(hello(1, 0.5));
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(), hello(1, 0.75), Instant.now())));
        sim.offerAll(); // the step kills the old task and declines what it cannot use yet
        int revivesBefore = sim.driver.reviveCount;
        sim.status("hello-0-server", TaskState.KILLED, false);
        // revived: the master drops the decline filters and offers the freed reservation now
        assertThat(sim.driver.reviveCount).isGreaterThan(revivesBefore);
    }

    @Test
    void aReplaceIsNotDoneWhileTheOldTaskStillRunsReady() {
        threeAgents(hello(1, 0.5));
        deployAll();
        sim.submit(new ServiceCommand.ReplacePod("hello-0"));
        sim.offerAll(); // steps are refreshed before the old task's end is heard of
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).singleElement()
                .satisfies(st -> assertThat(st.status()).isNotEqualTo(Status.COMPLETE));
    }

    @Test
    void aReplaceNeverLandsBackOnTheAgentItLeftAndWaitsSayingWhyWhenNoOtherFits() {
        threeAgents(hello(3, 0.5));
        deployAll();
        String oldAgent = sim.driver.latestLaunch("hello-1-server").agentId();
        sim.submit(new ServiceCommand.ReplacePod("hello-1"));
        sim.status("hello-1-server", TaskState.KILLED, false);
        sim.offerAll();
        String why = sim.plan(PlanFactory.RECOVERY).phases().get(0).steps().get(0).message();
        assertThat(why).contains("the agent hello-1 is being replaced away from")
                .contains("placement 'unique agent'");
        sim.offerAll(); // the old home is released, but the instance may not go back there
        assertThat(sim.driver.launches().stream().filter(t -> t.name().equals("hello-1-server"))).hasSize(1);
        assertThat(sim.agents.get(oldAgent).ledger.ledger().reserved().isEmpty()).isTrue();
        sim.offerAll();
        assertThat(sim.driver.launches().stream().filter(t -> t.name().equals("hello-1-server"))).hasSize(1);

        sim.agent("agent-3", "127.0.0.5", AGENT, Map.of("zone", "d"));
        sim.offerAll();
        assertThat(sim.driver.latestLaunch("hello-1-server").agentId()).isEqualTo("agent-3-id");
    }

    @Test
    void aLowerCountDecommissionsTheHighestInstancesAndAHigherCountLaunchesOnlyTheNewOnes() {
        threeAgents(hello(3, 0.5));
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(), hello(2, 0.5), Instant.now())));
        String agentOf2 = sim.driver.latestLaunch("hello-2-server").agentId();
        sim.offerAll();
        assertThat(sim.driver.kills).singleElement().satisfies(k -> assertThat(k).startsWith("hello-2-server__"));
        sim.status("hello-2-server", TaskState.KILLED, false);
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("DESTROY", "UNRESERVE");
        assertThat(sim.agents.get(agentOf2).ledger.ledger().reserved().isEmpty()).isTrue();
        assertThat(sim.plan(PlanFactory.DECOMMISSION).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.scheduler.snapshot().pods()).doesNotContainKey("hello-2");
        // the instances that stay were not restarted: only the count changed
        assertThat(sim.plan(PlanFactory.UPDATE).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.kills).hasSize(1);

        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-3", "test", "1", Map.of(), Map.of(), hello(3, 0.5), Instant.now())));
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        assertThat(sim.driver.latestLaunch("hello-2-server").labels()).containsEntry("config_id", "config-3");
        sim.allLaunchedRunReady();
        assertThat(sim.plan(PlanFactory.UPDATE).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.kills).hasSize(1);
    }

    @Test
    void anOptionSeenOnlyByAConfigTemplateStillRollsThePods() {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(), List.of(new ConfigTemplate("conf", "message={{hello.message}}", "hello.conf")),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        ServiceSpec spec = new ServiceSpec("hello", "berth/hello", "hello", List.of(new PodSpec("hello", 2,
                List.of(new PlacementRule.UniqueAgent()), List.of(), List.of(server), Optional.empty())), List.of());
        sim = new ServiceSimulation(spec, Map.of("hello.message", "v1"));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of("hello.message", "v2"),
                    Map.of("hello.message", "v2"), spec, Instant.now())));
        assertThat(sim.plan(PlanFactory.UPDATE).phases().get(0).steps()).allSatisfy(st ->
                assertThat(st.status()).isEqualTo(Status.PENDING));
        // a new target that changes nothing a pod sees restarts nothing
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-3", "test", "1", Map.of("hello.message", "v2"),
                    Map.of("hello.message", "v2"), spec, Instant.now())));
        assertThat(sim.plan(PlanFactory.UPDATE).phases().get(0).steps()).allSatisfy(st ->
                assertThat(st.status()).isEqualTo(Status.COMPLETE));
    }

    @Test
    void aTaskThatCannotStartPutsItsStepInErrorUntilAnOperatorRestartsIt() {
        threeAgents(hello(1, 0.5));
        sim.offerAll();
        sim.status("hello-0-server", TaskState.FAILED, TaskStatus.Reason.LAUNCH_FAILED,
                "on agent agent-0-id: java: the task needs Java 21 but agent agent-0-id has 17");
        var step = sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(0);
        assertThat(step.status()).isEqualTo(Status.ERROR);
        assertThat(step.message()).contains("the task needs Java 21");
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.ERROR);
        sim.clock.advance(Duration.ofMinutes(5));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(1); // nothing retried on its own

        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.RESTART,
                    Optional.of("hello"), Optional.of("hello-0")));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH"); // on the reservation it has
    }

    /**
     * A database of {@code count} nodes, one per agent, whose server the deploy launches and whose
     * repair task (of goal {@code repairGoal}) runs only in the declared plan {@code repair}.
     */
    static ServiceSpec withRepairPlan(int count, GoalState repairGoal) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        TaskSpec repair = new TaskSpec("repair", repairGoal, "echo repaired", Map.of(), List.of(), "", 0.1, 16,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        PodSpec node = new PodSpec("node", count, List.of(new PlacementRule.UniqueAgent()), List.of(),
                List.of(server, repair), Optional.empty());
        return new ServiceSpec("db", "berth/db", "db", List.of(node), List.of(
                new PlanSpec("deploy", null, List.of(new PhaseSpec("node", "node", null, List.of("server")))),
                new PlanSpec("repair", null, List.of(new PhaseSpec("repair", "node", null, List.of("repair"))))));
    }

    @Test
    void aPlanThePackageDeclaresWaitsForStartThenRunsItsTaskOnEachInstancesReservation() {
        sim = new ServiceSimulation(withRepairPlan(2, GoalState.FINISHED), Map.of());
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
        deployAll();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).containsExactly("node-0-server", "node-1-server");
        assertThat(sim.plan("repair").status()).isEqualTo(Status.WAITING);
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2); // not started: nothing runs

        sim.submit(new ServiceCommand.ChangePlan("repair", PlanAction.CONTINUE, Optional.empty(), Optional.empty()));
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH"); // on the repair task's own reservation
        assertThat(sim.driver.latestLaunch("node-0-repair").agentId())
                .isEqualTo(sim.driver.latestLaunch("node-0-server").agentId());
        // running, even "ready" (it has no readiness check), a repair is not done: node-1 waits for it
        sim.status("node-0-repair", TaskState.RUNNING, true);
        sim.offerAll();
        assertThat(sim.plan("repair").phases().get(0).steps().get(0).status()).isEqualTo(Status.STARTED);
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).doesNotContain("node-1-repair");
        sim.status("node-0-repair", TaskState.FINISHED, false);
        sim.offerAll();
        sim.status("node-1-repair", TaskState.FINISHED, false);
        assertThat(sim.plan("repair").status()).isEqualTo(Status.COMPLETE);
        // a finished task of a FINISHED goal is no failure: nothing in recovery
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).isEmpty();
    }

    @Test
    void aTaskMeantToFinishThatFinishedIsNotLaunchedAgainWhileThePackageIsAskedAboutItsInstance() {
        java.util.concurrent.atomic.AtomicBoolean nodeReady = new java.util.concurrent.atomic.AtomicBoolean(true);
        sim = new ServiceSimulation(new InMemoryStateStore(), withRepairPlan(1, GoalState.ONCE), Map.of(), new ServiceHooks() {
            @Override
            public Verdict ready(HookContext context, String podInstance) {
                return nodeReady.get() ? Verdict.ready() : Verdict.waiting(podInstance + " is not up and normal yet");
            }
        });
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allLaunchedRunReady();
            return sim.plan(PlanFactory.DEPLOY).isComplete();
        });
        nodeReady.set(false);
        sim.submit(new ServiceCommand.ChangePlan("repair", PlanAction.CONTINUE, Optional.empty(), Optional.empty()));
        sim.offerAll();
        sim.status("node-0-repair", TaskState.FINISHED, false);

        // the package's answer on node-0 is awaited: the repair ran, and offers meanwhile launch nothing
        for (int i = 0; i < 5; i++) {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
        }
        assertThat(sim.plan("repair").status()).isNotEqualTo(Status.COMPLETE);
        nodeReady.set(true);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan("repair").isComplete();
        });
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).containsOnlyOnce("node-0-repair");
    }

    @Test
    void aRestartedSchedulerGoesOnWhereItStopped() {
        threeAgents(hello(3, 0.5));
        sim.offerAll();
        sim.allLaunchedRunReady();
        sim.start(); // a new scheduler on the same state store
        assertThat(sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(0).status()).isEqualTo(Status.COMPLETE);
        sim.offerAll();
        sim.allLaunchedRunReady();
        sim.offerAll();
        sim.allLaunchedRunReady();
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.launches()).hasSize(3);
    }

    @Test
    void aStoppedPlanStartsNoNewStepUntilContinued() {
        threeAgents(hello(2, 0.5));
        sim.offerAll();
        sim.allLaunchedRunReady();
        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.STOP, Optional.empty(), Optional.empty()));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(1);
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.WAITING);
        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.CONTINUE, Optional.empty(), Optional.empty()));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
    }

    @Test
    void aRestartedStepRelaunchesItsInstanceInPlaceAndIsNotDoneBeforeThat() {
        threeAgents(hello(2, 0.5));
        deployAll();
        TaskInfo before = sim.driver.latestLaunch("hello-1-server");
        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.RESTART,
                    Optional.of("hello"), Optional.of("hello-1")));
        // the task still running from before does not make the restarted step done
        assertThat(sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(1).status()).isEqualTo(Status.PENDING);
        sim.offerAll();
        assertThat(sim.driver.kills).singleElement().isEqualTo(before.taskId());
        assertThat(sim.plan(PlanFactory.DEPLOY).phases().get(0).steps().get(1).status()).isEqualTo(Status.PENDING);
        sim.status("hello-1-server", TaskState.KILLED, false);
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH"); // on its own reservation
        TaskInfo again = sim.driver.latestLaunch("hello-1-server");
        assertThat(again.taskId()).isNotEqualTo(before.taskId());
        assertThat(again.agentId()).isEqualTo(before.agentId());
        assertThat(again.resources()).isEqualTo(before.resources());
        assertThat(again.volumes()).isEqualTo(before.volumes());
        sim.status("hello-1-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.kills).hasSize(1); // hello-0 was left alone
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).isEmpty(); // the kill was no failure
    }

    @Test
    void aRestartedPlanRollsItsInstancesOneAtATime() {
        threeAgents(hello(2, 0.5));
        deployAll();
        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.RESTART,
                    Optional.empty(), Optional.empty()));
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.PENDING);
        sim.offerAll();
        assertThat(sim.driver.kills).singleElement().satisfies(k -> assertThat(k).startsWith("hello-0-server__"));
        sim.status("hello-0-server", TaskState.KILLED, false);
        sim.offerAll();
        assertThat(sim.driver.kills).hasSize(1); // hello-1 runs on while hello-0 comes back
        sim.status("hello-0-server", TaskState.RUNNING, true);
        sim.offerAll();
        assertThat(sim.driver.kills).hasSize(2);
        sim.status("hello-1-server", TaskState.KILLED, false);
        sim.offerAll();
        sim.status("hello-1-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.launches()).hasSize(4);
    }

    /**
     * A pod restart is done when the instance has run again, not when its old task, still running while
     * it is being killed, looks ready to a step refresh that comes first.
     */
    @Test
    void aRestartedPodIsRelaunchedEvenWhenItsStepIsLookedAtBeforeTheOldTaskEnds() {
        threeAgents(hello(2, 0.5));
        deployAll();
        int launches = sim.driver.launches().size();
        sim.submit(new ServiceCommand.RestartPod("hello-0"));
        sim.status("hello-1-server", TaskState.RUNNING, true); // any status update refreshes every step
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).singleElement()
                .satisfies(st -> assertThat(st.status()).isEqualTo(Status.PENDING));

        sim.offerAll(); // the recovery step stops the old task (a package without hooks lets it stop)
        sim.status("hello-1-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).singleElement()
                .satisfies(st -> assertThat(st.status()).isEqualTo(Status.PENDING));
        sim.allKilledStop();
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(launches + 1);
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH");
        assertThat(sim.driver.latestLaunch("hello-0-server").taskId()).isNotEqualTo(sim.driver.launches().get(0).taskId());
    }

    @Test
    void uninstallKillsDestroysUnreservesAndForgetsTheService() {
        threeAgents(hello(2, 0.5));
        deployAll();
        var done = sim.submit(new ServiceCommand.Uninstall());
        sim.drain();
        assertThat(sim.driver.kills).hasSize(2);
        sim.status("hello-0-server", TaskState.KILLED, false);
        sim.status("hello-1-server", TaskState.KILLED, false);
        sim.offerAll();
        sim.drain();
        assertThat(done).isDone();
        assertThat(sim.driver.tornDown).isTrue();
        assertThat(sim.agents.values()).allSatisfy(a -> {
            assertThat(a.ledger.ledger().reserved().isEmpty()).isTrue();
            assertThat(a.ledger.volumes()).isEmpty();
        });
        assertThat(sim.store.configs()).isEmpty();
    }

    @Test
    void endpointsListEveryInstancesAddress() {
        threeAgents(hello(3, 0.5));
        deployAll();
        Endpoints e = sim.scheduler.snapshot().endpoints();
        assertThat(e.byName().get("hello")).matches("127\\.0\\.0\\.\\d:310\\d\\d,127\\.0\\.0\\.\\d:310\\d\\d,127\\.0\\.0\\.\\d:310\\d\\d");
    }

    /**
     * The master forgets ended tasks after its retention and answers LOST for them: a restarted service asks only
     * about the tasks it does not know ended, so an old failure is not counted again.
     */
    @Test
    void aRestartedServiceReconcilesOnlyTheTasksItDoesNotKnowEnded() {
        threeAgents(hello(2, 0.5));
        deployAll();
        String failed = sim.driver.latestLaunch("hello-0-server").taskId();
        String running = sim.driver.latestLaunch("hello-1-server").taskId();
        sim.status("hello-0-server", TaskState.FAILED, false); // its relaunch waits out the backoff

        sim.start();

        List<String> asked = sim.driver.reconciles.get(sim.driver.reconciles.size() - 1);
        System.out.printf("a restarted service reconciles %s, not the failed %s%n", asked, failed);
        assertThat(asked).containsExactly(running);
    }
}
