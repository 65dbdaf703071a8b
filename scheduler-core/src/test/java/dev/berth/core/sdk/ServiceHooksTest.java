package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.state.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A package's Java hooks hold a step back until the database says it is ready, or safe to stop. */
class ServiceHooksTest {
    static final String AGENT = "cpus:2;mem:2048;disk:4096;ports:[31000-31010]";

    volatile boolean inSync;
    volatile boolean safeToStop;
    volatile String activeController = "";
    volatile boolean left;
    boolean deployEndsWithAnAction;
    volatile boolean secured;
    final java.util.concurrent.atomic.AtomicInteger finalizeCalls = new java.util.concurrent.atomic.AtomicInteger();
    ServiceSimulation sim;

    @AfterEach
    void close() {
        sim.close();
    }

    void start() {
        ServiceHooks hooks = new ServiceHooks() {
            @Override
            public Verdict ready(HookContext context, String podInstance) {
                return inSync ? Verdict.ready() : Verdict.waiting(podInstance + " has partitions out of sync");
            }

            @Override
            public Verdict mayStop(HookContext context, String podInstance) {
                return safeToStop ? Verdict.ready() : Verdict.waiting("topic t partition 0 would fall under min.insync.replicas");
            }

            @Override
            public java.util.List<PackageAction> updateActions(Map<String, Object> before, Map<String, Object> after) {
                return before.equals(after) ? java.util.List.of()
                        : java.util.List.of(new PackageAction("finalize", "finalize the new version", true));
            }

            @Override
            public java.util.List<PackageAction> deployActions(Map<String, Object> options) {
                return deployEndsWithAnAction ? java.util.List.of(new PackageAction("secure", "replace the default login", false))
                        : java.util.List.of();
            }

            @Override
            public Verdict runAction(HookContext context, String action) {
                if (action.equals("secure")) {
                    return secured ? Verdict.ready() : Verdict.waiting("the default login does not work yet");
                }
                // done on the second call: an action may take several
                return finalizeCalls.incrementAndGet() < 2 ? Verdict.waiting("finalizing") : Verdict.ready();
            }

            @Override
            public Verdict decommission(HookContext context, String podInstance) {
                return left ? Verdict.ready() : Verdict.waiting(podInstance + " is streaming its data away (LEAVING)");
            }

            @Override
            public Verdict rollsInTurn(HookContext context, String podInstance) {
                return podInstance.equals(activeController) ? Verdict.waiting("the active controller") : Verdict.ready();
            }
        };
        sim = new ServiceSimulation(new InMemoryStateStore(), ServiceSchedulerTest.hello(2, 0.5), Map.of(), hooks);
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
    }

    /**
     * Deploys both instances: tick by tick, each launched task runs and is ready, until the second step
     * is complete. The package answers on its own threads, so the second instance is launched only once
     * the first one's verdict is in, however many ticks that takes.
     */
    void deployAll() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allLaunchedRunReady();
            return step(PlanFactory.DEPLOY, 1).status() == Status.COMPLETE;
        });
    }

    Step step(String plan, int i) {
        return sim.plan(plan).phases().get(0).steps().get(i);
    }

    /** Hooks answer on their own threads; ticks go on (time moves so verdicts are asked again) until the step matches. */
    void awaitStep(String plan, int i, Predicate<Step> matching) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return matching.test(step(plan, i));
        });
    }

    @Test
    void aStepIsCompleteOnlyWhenThePackageSaysTheInstanceIsReady() {
        start();
        sim.offerAll();
        sim.status("hello-0-server", TaskState.RUNNING, true);
        awaitStep(PlanFactory.DEPLOY, 0, s -> s.message().contains("hello-0 has partitions out of sync"));
        assertThat(step(PlanFactory.DEPLOY, 0).status()).isEqualTo(Status.STARTED);
        assertThat(sim.driver.launches()).hasSize(1); // hello-1 waits

        inSync = true;
        awaitStep(PlanFactory.DEPLOY, 0, s -> s.status() == Status.COMPLETE);
        awaitStep(PlanFactory.DEPLOY, 1, s -> s.status() != Status.PENDING);
        assertThat(sim.driver.launches()).hasSize(2);
    }

    @Test
    void anUpdateDoesNotStopAnInstanceWhileThePackageHoldsItBack() {
        inSync = true;
        start();
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(),
                    ServiceSchedulerTest.hello(2, 0.75), Instant.now())));
        awaitStep(PlanFactory.UPDATE, 0, s -> s.message().contains("waiting to stop hello-0-server: topic t partition 0"));
        assertThat(sim.driver.kills).isEmpty();

        safeToStop = true;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return !sim.driver.kills.isEmpty();
        });
        assertThat(sim.driver.kills).singleElement().satisfies(k -> assertThat(k).startsWith("hello-0-server__"));
    }

    @Test
    void theInstanceThePackageSaysGoesLastRollsAfterTheOthers() {
        inSync = true;
        safeToStop = true;
        activeController = "hello-0";
        start();
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(),
                ServiceSchedulerTest.hello(2, 0.75), Instant.now())));

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return !sim.driver.kills.isEmpty();
        });
        assertThat(sim.driver.kills).singleElement().satisfies(k -> assertThat(k).startsWith("hello-1-server__"));
        assertThat(sim.plan(PlanFactory.UPDATE).phases().get(0).steps()).extracting(Step::podInstance)
                .containsExactly("hello-1", "hello-0");
        assertThat(step(PlanFactory.UPDATE, 1).message()).isEqualTo("rolls last: the active controller");
    }

    @Test
    void aHeldBackPackageActionEndsTheUpdateAndRunsOnlyWhenAnOperatorContinues() {
        inSync = true;
        safeToStop = true;
        start();
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of("v", "2"), Map.of(),
                ServiceSchedulerTest.hello(2, 0.75), Instant.now())));
        // hooks answer on their own threads: go on tick by tick until the roll is done
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allKilledStop();
            sim.allLaunchedRunReady();
            return sim.plan(PlanFactory.UPDATE).phases().get(0).status() == Status.COMPLETE;
        });
        var update = sim.plan(PlanFactory.UPDATE);
        assertThat(update.phases()).extracting(p -> p.name()).containsExactly("hello", "finalize");
        assertThat(update.phases().get(0).status()).isEqualTo(Status.COMPLETE);
        assertThat(update.status()).isEqualTo(Status.WAITING);
        assertThat(update.phases().get(1).steps().get(0).message()).startsWith("held back until an operator continues");
        assertThat(finalizeCalls).hasValue(0);

        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.UPDATE, PlanAction.CONTINUE, Optional.empty(), Optional.empty()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan(PlanFactory.UPDATE).isComplete();
        });
        assertThat(finalizeCalls).hasValue(2);
    }

    @Test
    void theDeployEndsWithThePackagesActionAndIsCompleteOnlyWhenTheActionIsDone() {
        inSync = true;
        deployEndsWithAnAction = true;
        start();
        deployAll();

        assertThat(sim.plan(PlanFactory.DEPLOY).phases()).extracting(p -> p.name()).containsExactly("hello", "secure");
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan(PlanFactory.DEPLOY).phases().get(1).steps().get(0).message()
                    .equals("the default login does not work yet");
        });
        assertThat(sim.plan(PlanFactory.DEPLOY).isComplete()).isFalse();

        secured = true;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan(PlanFactory.DEPLOY).isComplete();
        });
    }

    @Test
    void aRelaunchedInstanceIsAskedAgainNotJudgedByTheVerdictOnItsOldTask() {
        inSync = true;
        start();
        deployAll();
        inSync = false; // the new task will not be in sync at first
        safeToStop = true;
        sim.submit(new ServiceCommand.RestartPod("hello-0"));
        awaitStep(PlanFactory.RECOVERY, 0, s -> s.message().startsWith("stopping hello-0-server"));
        sim.allKilledStop();
        sim.offerAll();
        sim.allLaunchedRunReady(); // no time passes: the verdict on the old task would still count as fresh

        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).singleElement()
                .satisfies(st -> assertThat(st.status()).isNotEqualTo(Status.COMPLETE));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan(PlanFactory.RECOVERY).phases().get(0).steps().get(0).message().contains("out of sync");
        });
    }

    /**
     * An operator's replace of a running instance stops it only when the package lets it stop, as a roll
     * does: its volume is destroyed with it, so it must not go while another replica is missing.
     */
    @Test
    void aReplaceOfARunningInstanceWaitsUntilThePackageLetsItStop() {
        inSync = true;
        start();
        sim.agent("agent-2", "127.0.0.4", AGENT, Map.of()); // somewhere to go
        deployAll();
        String agentBefore = sim.store.podInstances().get("hello-0").agentId();
        sim.submit(new ServiceCommand.ReplacePod("hello-0"));
        awaitStep(PlanFactory.RECOVERY, 0, s -> s.message().contains("would fall under min.insync.replicas"));
        assertThat(sim.driver.kills).isEmpty();
        assertThat(step(PlanFactory.RECOVERY, 0).message()).isEqualTo(
                "waiting to stop hello-0-server: topic t partition 0 would fall under min.insync.replicas");

        safeToStop = true;
        awaitStep(PlanFactory.RECOVERY, 0, s -> s.message().startsWith("stopping hello-0-server"));
        assertThat(sim.driver.kills).hasSize(1);
        sim.allKilledStop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allLaunchedRunReady();
            return step(PlanFactory.RECOVERY, 0).status() == Status.COMPLETE;
        });
        assertThat(sim.store.podInstances().get("hello-0").agentId()).isNotEqualTo(agentBefore);
    }

    @Test
    void aScaleDownStopsAnInstanceOnlyOnceThePackageHasTakenItOut() {
        inSync = true;
        safeToStop = true;
        start();
        deployAll();
        sim.submit(new ServiceCommand.UpdateTarget(new ServiceTarget("config-2", "test", "1", Map.of(), Map.of(),
                ServiceSchedulerTest.hello(1, 0.5), Instant.now())));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            return sim.plan(PlanFactory.DECOMMISSION).phases().get(0).steps().get(0).message().contains("LEAVING");
        });
        assertThat(sim.driver.kills).isEmpty();

        left = true;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allKilledStop();
            return sim.plan(PlanFactory.DECOMMISSION).isComplete();
        });
        assertThat(sim.driver.kills).singleElement().satisfies(k -> assertThat(k).startsWith("hello-1-server__"));
    }
}
