package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.plan.Phase;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Placement rules and plan strategies end to end, and the permanent-failure path: the service
 * scheduler driven by the simulation harness, its accepts applied by the master's own applier.
 */
class PlacementAndStrategyTest {
    static final String AGENT = ServiceSchedulerTest.AGENT;

    ServiceSimulation sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    /** The hello pod (0.5 cpus, a port, a 100 MiB volume) with these rules and plans. */
    static ServiceSpec hello(int count, List<PlacementRule> rules, List<PlanSpec> plans) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(new PortSpec("http", 0, null, "hello")), List.of(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(3));
        PodSpec pod = new PodSpec("hello", count, rules, List.of(new VolumeSpec("data", 100, "ROOT")), List.of(server),
                Optional.empty());
        return new ServiceSpec("hello", "berth/hello", "hello", List.of(pod), plans);
    }

    static List<PlanSpec> deployPhase(Strategy strategy) {
        return List.of(new PlanSpec(PlanFactory.DEPLOY, Strategy.SERIAL,
                List.of(new PhaseSpec("hello", "hello", strategy, List.of()))));
    }

    ServiceSimulation simulate(ServiceSpec spec) {
        sim = new ServiceSimulation(spec, Map.of("hello.count", spec.pods().get(0).count()));
        return sim;
    }

    void deployAll() {
        for (int i = 0; i < 10 && !sim.plan(PlanFactory.DEPLOY).isComplete(); i++) {
            sim.offerAll();
            sim.allLaunchedRunReady();
        }
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
    }

    Phase deployPhase() {
        return sim.plan(PlanFactory.DEPLOY).phases().get(0);
    }

    Step deployStep(String instance) {
        return deployPhase().step(instance).orElseThrow();
    }

    String agentOf(String task) {
        return sim.driver.latestLaunch(task).agentId();
    }

    String attributeOf(String task, String attribute) {
        return sim.agents.get(agentOf(task)).attributes.get(attribute);
    }

    long launchesOf(String task) {
        return sim.driver.launches().stream().filter(t -> t.name().equals(task)).count();
    }

    void planAction(PlanAction action) {
        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, action, Optional.empty(), Optional.empty()));
    }

    // ------------------------------------------------------------------ placement

    @Test
    void spreadByZoneLandsOneInstancePerZone() {
        simulate(hello(3, List.of(new PlacementRule.SpreadBy("zone")), List.of()));
        // by name the first two agents share zone a: only the spread rule keeps the second instance out of it
        String[] zones = {"a", "a", "b", "b", "c", "c"};
        for (int i = 0; i < zones.length; i++) {
            sim.agent("agent-" + i, "127.0.0." + (i + 2), AGENT, Map.of("zone", zones[i]));
        }
        deployAll();
        assertThat(List.of(attributeOf("hello-0-server", "zone"), attributeOf("hello-1-server", "zone"),
                attributeOf("hello-2-server", "zone"))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(sim.driver.launches()).hasSize(3);
    }

    @Test
    void spreadByZoneRefusesAnAgentWithoutAZone() {
        simulate(hello(1, List.of(new PlacementRule.SpreadBy("zone")), List.of()));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of("rack", "r1"));
        sim.offerAll();
        assertThat(sim.driver.accepts).isEmpty();
        assertThat(deployStep("hello-0").message())
                .isEqualTo("no offer fits hello-0: agent-0 (127.0.0.2): placement 'spread by zone': the agent has no zone");
    }

    @Test
    void limitOnePerRackRefusesASecondInstanceOnARackAndSaysWhichRule() {
        simulate(hello(3, List.of(new PlacementRule.LimitPer("rack", 1)), List.of()));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of("rack", "r1"));
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of("rack", "r1"));
        sim.agent("agent-2", "127.0.0.4", AGENT, Map.of("rack", "r2"));
        for (int i = 0; i < 5; i++) {
            sim.offerAll();
            sim.allLaunchedRunReady();
        }
        assertThat(attributeOf("hello-0-server", "rack")).isEqualTo("r1");
        assertThat(attributeOf("hello-1-server", "rack")).isEqualTo("r2"); // agent-1 is free, but on rack r1
        assertThat(sim.driver.launches()).hasSize(2);
        assertThat(launchesOf("hello-2-server")).isZero();

        Step third = deployStep("hello-2");
        assertThat(third.status()).isEqualTo(Status.PENDING);
        assertThat(third.message()).startsWith("no offer fits hello-2: ")
                .contains("agent-0 (127.0.0.2): placement 'limit 1 per rack': rack r1 has 1")
                .contains("agent-1 (127.0.0.3): placement 'limit 1 per rack': rack r1 has 1")
                .contains("agent-2 (127.0.0.4): placement 'limit 1 per rack': rack r2 has 1");
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isNotEqualTo(Status.COMPLETE);

        // a new rack makes room
        sim.agent("agent-3", "127.0.0.5", AGENT, Map.of("rack", "r3"));
        sim.offerAll();
        assertThat(agentOf("hello-2-server")).isEqualTo("agent-3-id");
    }

    @Test
    void restrictToZoneAUsesOnlyZoneAAgentsAndNamesTheZoneOfTheOthers() {
        simulate(hello(2, List.of(new PlacementRule.UniqueAgent(), new PlacementRule.Restrict("zone", List.of("a"))),
                List.of()));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of("zone", "b"));
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of("zone", "c"));
        sim.agent("agent-2", "127.0.0.4", AGENT, Map.of());
        sim.offerAll();
        assertThat(sim.driver.accepts).isEmpty();
        assertThat(deployStep("hello-0").message()).startsWith("no offer fits hello-0: ")
                .contains("agent-0 (127.0.0.2): placement 'restrict zone to [a]': the agent's zone is b")
                .contains("agent-1 (127.0.0.3): placement 'restrict zone to [a]': the agent's zone is c")
                .contains("agent-2 (127.0.0.4): placement 'restrict zone to [a]': the agent's zone is not set");

        sim.agent("agent-3", "127.0.0.5", AGENT, Map.of("zone", "a"));
        sim.agent("agent-4", "127.0.0.6", AGENT, Map.of("zone", "a"));
        deployAll();
        assertThat(List.of(agentOf("hello-0-server"), agentOf("hello-1-server")))
                .containsExactlyInAnyOrder("agent-3-id", "agent-4-id");
        assertThat(sim.agents.values()).filteredOn(a -> !a.attributes.getOrDefault("zone", "").equals("a"))
                .allSatisfy(a -> assertThat(a.ledger.ledger().reserved().isEmpty()).isTrue());
    }

    // ------------------------------------------------------------------ strategies

    @Test
    void aCanaryDeployLaunchesTheFirstInstanceThenWaitsForAContinueThenRollsTheRest() {
        simulate(hello(3, List.of(new PlacementRule.UniqueAgent()), deployPhase(Strategy.CANARY)));
        for (int i = 0; i < 4; i++) {
            sim.agent("agent-" + i, "127.0.0." + (i + 2), AGENT, Map.of());
        }
        sim.offerAll();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).containsExactly("hello-0-server");
        sim.offerAll(); // the canary is not ready yet: nothing else
        assertThat(sim.driver.launches()).hasSize(1);

        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(deployStep("hello-0").status()).isEqualTo(Status.COMPLETE);
        assertThat(deployPhase().waitsForCanaryApproval()).isTrue();
        assertThat(deployPhase().status()).isEqualTo(Status.WAITING);
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.WAITING);
        for (int i = 0; i < 3; i++) {
            sim.offerAll();
        }
        assertThat(sim.driver.launches()).hasSize(1); // waits for the operator, however many offers come

        planAction(PlanAction.CONTINUE);
        assertThat(deployPhase().canaryApproved()).isTrue();
        sim.offerAll();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).containsExactly("hello-0-server", "hello-1-server");
        sim.offerAll(); // serial after the canary: hello-2 waits for hello-1's readiness
        assertThat(sim.driver.launches()).hasSize(2);
        sim.status("hello-1-server", TaskState.RUNNING, true);
        sim.offerAll();
        assertThat(launchesOf("hello-2-server")).isEqualTo(1);
        sim.status("hello-2-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.driver.launches().stream().map(TaskInfo::agentId).distinct()).hasSize(3);
    }

    @Test
    void aCanaryDeployStillWaitsAfterASchedulerRestart() {
        simulate(hello(2, List.of(new PlacementRule.UniqueAgent()), deployPhase(Strategy.CANARY)));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
        sim.offerAll();
        sim.allLaunchedRunReady();
        sim.start();
        assertThat(deployPhase().waitsForCanaryApproval()).isTrue();
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(1);
        planAction(PlanAction.CONTINUE);
        sim.start(); // the approval is kept too
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
    }

    @Test
    void aParallelPhaseLaunchesEveryInstanceInOneOfferRound() {
        simulate(hello(3, List.of(new PlacementRule.UniqueAgent()), deployPhase(Strategy.PARALLEL)));
        for (int i = 0; i < 3; i++) {
            sim.agent("agent-" + i, "127.0.0." + (i + 2), AGENT, Map.of());
        }
        sim.offerAll();
        assertThat(sim.driver.accepts).hasSize(3)
                .allSatisfy(ops -> assertThat(ops).extracting(o -> o.type()).containsExactly("RESERVE", "CREATE", "LAUNCH"));
        assertThat(sim.driver.refusals).isEmpty();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name)
                .containsExactlyInAnyOrder("hello-0-server", "hello-1-server", "hello-2-server");
        assertThat(sim.driver.launches().stream().map(TaskInfo::agentId).distinct()).hasSize(3);
        assertThat(deployPhase().steps()).extracting(Step::status).containsOnly(Status.PREPARED);
        sim.allLaunchedRunReady();
        assertThat(sim.plan(PlanFactory.DEPLOY).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aParallelPhaseLaunchesWhatFitsAndSaysWhyTheRestWaits() {
        simulate(hello(3, List.of(new PlacementRule.UniqueAgent()), deployPhase(Strategy.PARALLEL)));
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
        // the first round's two offers went to the first two steps; the next round tells why the third waits
        sim.allLaunchedRunReady();
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
        Step waiting = deployPhase().steps().stream().filter(s -> s.status() == Status.PENDING).findFirst().orElseThrow();
        assertThat(waiting.message()).startsWith("no offer fits " + waiting.podInstance())
                .contains("agent-0 (127.0.0.2): placement 'unique agent'")
                .contains("agent-1 (127.0.0.3): placement 'unique agent'");
        assertThat(deployPhase().status()).isEqualTo(Status.STARTED);
        sim.agent("agent-2", "127.0.0.4", AGENT, Map.of());
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(3);
    }

    // ------------------------------------------------------------------ permanent failure

    ServiceSimulation threeAgentsOneInstance() {
        simulate(hello(1, List.of(new PlacementRule.UniqueAgent()), List.of()));
        for (int i = 0; i < 3; i++) {
            sim.agent("agent-" + i, "127.0.0." + (i + 2), AGENT, Map.of());
        }
        deployAll();
        return sim;
    }

    Step recoveryStep() {
        return sim.plan(PlanFactory.RECOVERY).phases().get(0).steps().get(0);
    }

    @Test
    void aTaskCutOffWithItsAgentIsWaitedForAndAdoptedWhenItComesBackRunningNeitherKilledNorRelaunched() {
        threeAgentsOneInstance();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        sim.agents.get(first.agentId()).reachable = false;
        sim.status("hello-0-server", TaskState.UNREACHABLE, true);
        assertThat(recoveryStep().podInstance()).isEqualTo("hello-0");
        assertThat(recoveryStep().message()).startsWith("unreachable, waiting for its agent");

        // a partition shorter than the permanent-failure timeout: no kill, no launch anywhere
        sim.clock.advance(ServiceScheduler.Settings.defaults().permanentFailure().minusSeconds(1));
        sim.offerAll();
        assertThat(sim.driver.kills).isEmpty();
        assertThat(sim.driver.launches()).hasSize(1);

        // the agent is back and reports the node running (its readiness passed before the partition)
        sim.agents.get(first.agentId()).reachable = true;
        sim.status("hello-0-server", TaskState.RUNNING, false);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);
        sim.clock.advance(Duration.ofMinutes(30));
        sim.offerAll();
        assertThat(sim.driver.kills).isEmpty();
        assertThat(sim.driver.launches()).hasSize(1);
        assertThat(sim.scheduler.snapshot().pods().get("hello-0").agentId()).isEqualTo(first.agentId());
    }

    @Test
    void aTaskCutOffPastThePermanentFailureTimeoutIsKilledThenReplacedOnAnotherAgent() {
        threeAgentsOneInstance();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        sim.agents.get(first.agentId()).reachable = false;
        sim.status("hello-0-server", TaskState.UNREACHABLE, true);

        sim.clock.advance(ServiceScheduler.Settings.defaults().permanentFailure().plusSeconds(1));
        sim.offerAll();
        // given up: killed first (the master ends it as LOST at once, its agent being away), not yet launched
        assertThat(sim.driver.kills).containsExactly(first.taskId());
        assertThat(sim.driver.launches()).hasSize(1);

        sim.status("hello-0-server", TaskState.LOST, TaskStatus.Reason.AGENT_UNREACHABLE, "kill asked while agent away");
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        TaskInfo moved = sim.driver.latestLaunch("hello-0-server");
        assertThat(moved.agentId()).isNotEqualTo(first.agentId());
        assertThat(moved.command().environment()).containsEntry("BERTH_REPLACE_IP", "127.0.0.2");
    }

    @Test
    void aLostTaskWhoseAgentComesBackWithinTheTimeoutIsRelaunchedInPlace() {
        threeAgentsOneInstance();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        sim.agents.get(first.agentId()).reachable = false;
        sim.status("hello-0-server", TaskState.LOST, false);
        assertThat(recoveryStep().podInstance()).isEqualTo("hello-0");

        sim.clock.advance(Duration.ofMinutes(5));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(1); // the other agents' offers are not used
        assertThat(recoveryStep().message()).contains("waiting for an offer from agent agent-0 (agent-0-id)");

        sim.clock.advance(Duration.ofMinutes(4));
        sim.agents.get(first.agentId()).reachable = true;
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("LAUNCH");
        TaskInfo again = sim.driver.latestLaunch("hello-0-server");
        assertThat(again.agentId()).isEqualTo(first.agentId());
        assertThat(again.resources()).isEqualTo(first.resources());
        assertThat(again.volumes()).isEqualTo(first.volumes());
        assertThat(again.command().environment()).doesNotContainKey("BERTH_REPLACE_IP");
        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);

        // the instance is healthy again: a later loss starts a new timeout, not the old one
        sim.agents.get(first.agentId()).reachable = false;
        sim.status("hello-0-server", TaskState.LOST, false);
        sim.clock.advance(Duration.ofMinutes(9));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(2);
    }

    @Test
    void aLostTaskWhoseAgentStaysAwayIsReplacedOnAnotherAgentAfterThePermanentFailureTimeout() {
        threeAgentsOneInstance();
        TaskInfo first = sim.driver.latestLaunch("hello-0-server");
        String oldAgent = first.agentId();
        sim.agents.get(oldAgent).reachable = false;
        sim.status("hello-0-server", TaskState.LOST, false);

        // within the timeout, the instance waits for its own agent
        sim.clock.advance(ServiceScheduler.Settings.defaults().permanentFailure().minusSeconds(1));
        sim.offerAll();
        assertThat(sim.driver.launches()).hasSize(1);
        assertThat(recoveryStep().message()).contains("waiting for an offer from agent agent-0");
        assertThat(sim.scheduler.snapshot().pods().get("hello-0").agentId()).isEqualTo(oldAgent);

        // past it, the instance moves: a fresh reservation and volume elsewhere, told what it replaces
        sim.clock.advance(Duration.ofSeconds(2));
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("RESERVE", "CREATE", "LAUNCH");
        TaskInfo moved = sim.driver.latestLaunch("hello-0-server");
        assertThat(moved.agentId()).isNotEqualTo(oldAgent);
        assertThat(moved.command().environment()).containsEntry("BERTH_REPLACE_IP", "127.0.0.2");
        assertThat(moved.volumes()).isNotEqualTo(first.volumes());
        assertThat(sim.agents.get(moved.agentId()).ledger.volumes()).hasSize(1);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isNotEqualTo(Status.COMPLETE);
        sim.status("hello-0-server", TaskState.RUNNING, true);
        assertThat(sim.plan(PlanFactory.RECOVERY).status()).isEqualTo(Status.COMPLETE);
        assertThat(sim.scheduler.snapshot().pods().get("hello-0").agentId()).isEqualTo(moved.agentId());

        // the old agent comes back: what the instance left there is given back, nothing is launched there
        sim.agents.get(oldAgent).reachable = true;
        sim.offerAll();
        assertThat(sim.driver.lastAcceptTypes()).containsExactly("DESTROY", "UNRESERVE");
        assertThat(sim.agents.get(oldAgent).ledger.ledger().reserved().isEmpty()).isTrue();
        assertThat(sim.agents.get(oldAgent).ledger.volumes()).isEmpty();
        assertThat(sim.driver.launches()).hasSize(2);
        assertThat(sim.driver.refusals).isEmpty();
    }
}
