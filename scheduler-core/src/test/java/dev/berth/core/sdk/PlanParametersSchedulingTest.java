package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanActionException;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.sdk.state.InMemoryStateStore;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PlanParameterSpec;
import dev.berth.core.spec.PlanSpec;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan the package declares with parameters (a backup: a task on every node, then an action of the
 * package): a start checks them, the tasks see them as BERTH_PARAM_*, the action through its context,
 * and a later start with other values runs the whole plan again with those.
 */
class PlanParametersSchedulingTest {
    private static final String AGENT = "cpus:2;mem:2048;disk:4096;ports:[31000-31010]";
    private final List<Map<String, String>> actionParameters = new CopyOnWriteArrayList<>();
    private ServiceSimulation sim;

    @BeforeEach
    void deployTwoNodes() {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        TaskSpec backup = new TaskSpec("backup", GoalState.ONCE, "echo $BERTH_PARAM_NAME", Map.of(), List.of(), "", 0.1, 16,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3));
        PodSpec node = new PodSpec("node", 2, List.of(new PlacementRule.UniqueAgent()), List.of(), List.of(server, backup),
                Optional.empty());
        PlanSpec backupPlan = new PlanSpec("backup", null, List.of(new PhaseSpec("upload", "node", null, List.of("backup")),
                PhaseSpec.action("manifest", "write-manifest", "writes the backup's manifest")), List.of(
                new PlanParameterSpec("name", true, Optional.empty(), Pattern.compile("[a-z0-9-]{1,20}"), "the backup's name"),
                new PlanParameterSpec("keyspaces", false, Optional.of("all"), null, "")));
        ServiceSpec spec = new ServiceSpec("db", "berth/db", "db", List.of(node), List.of(
                new PlanSpec("deploy", null, List.of(new PhaseSpec("node", "node", null, List.of("server")))), backupPlan));
        sim = new ServiceSimulation(new InMemoryStateStore(), spec, Map.of(), new ServiceHooks() {
            @Override
            public Verdict runAction(HookContext context, String action) {
                actionParameters.add(context.parameters());
                return Verdict.ready();
            }
        });
        sim.agent("agent-0", "127.0.0.2", AGENT, Map.of());
        sim.agent("agent-1", "127.0.0.3", AGENT, Map.of());
        // the package's hooks are asked off the loop: the deploy completes once their answers came back
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            sim.allLaunchedRunReady();
            return sim.plan(PlanFactory.DEPLOY).isComplete();
        });
    }

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aStartWithoutItsRequiredParameterOrWithBadOnesIsRefusedAndChangesNothing() {
        assertThatThrownBy(() -> start(Map.of()))
                .hasMessageContaining("parameters.name: missing; plan backup needs it (the backup's name)");
        assertThatThrownBy(() -> start(Map.of("name", "Bad Name!", "colour", "red")))
                .hasMessageContaining("parameters.colour: plan backup has no parameter 'colour'; it takes [name (required), keyspaces]")
                .hasMessageContaining("parameters.name: 'Bad Name!' does not match [a-z0-9-]{1,20} (the backup's name)");
        assertThatThrownBy(() -> sim.submit(new ServiceCommand.ChangePlan(PlanFactory.DEPLOY, PlanAction.START,
                Optional.empty(), Optional.empty(), Map.of("name", "x"))))
                .hasMessageContaining("parameters.name: plan deploy takes no parameters");
        assertThat(sim.plan("backup").status()).isEqualTo(Status.WAITING);
        assertThat(sim.plan("backup").parameters()).isEmpty();
        sim.offerAll();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).doesNotContain("node-0-backup");
    }

    @Test
    void theTasksOfAStartedPlanSeeItsParametersAndItsActionToo() {
        start(Map.of("name", "nightly-1"));
        assertThat(sim.plan("backup").parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "nightly-1", "keyspaces", "all"));
        runBackup();
        assertThat(sim.driver.latestLaunch("node-0-backup").command().environment())
                .containsEntry("BERTH_PARAM_NAME", "nightly-1").containsEntry("BERTH_PARAM_KEYSPACES", "all");
        assertThat(actionParameters).last().isEqualTo(Map.of("name", "nightly-1", "keyspaces", "all"));

        // a second backup under another name runs every step again, the action included, with the new values
        start(Map.of("name", "nightly-2", "keyspaces", "shop"));
        runBackup();
        assertThat(sim.driver.latestLaunch("node-1-backup").command().environment())
                .containsEntry("BERTH_PARAM_NAME", "nightly-2").containsEntry("BERTH_PARAM_KEYSPACES", "shop");
        assertThat(actionParameters).last().isEqualTo(Map.of("name", "nightly-2", "keyspaces", "shop"));
    }

    @Test
    void aPlanInProgressGoesOnWithItsOwnParametersAndRefusesOthers() {
        start(Map.of("name", "nightly-1"));
        sim.offerAll();
        sim.status("node-0-backup", TaskState.FINISHED, false);
        sim.submit(new ServiceCommand.ChangePlan("backup", PlanAction.STOP, Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> start(Map.of("name", "other")))
                .hasRootCauseInstanceOf(PlanActionException.class)
                .hasMessageContaining("plan backup is WAITING with parameters {keyspaces=all, name=nightly-1}");
        start(Map.of()); // goes on as it was started
        assertThat(sim.plan("backup").parameters()).containsEntry("name", "nightly-1");
        assertThat(sim.plan("backup").interrupted()).isFalse();
    }

    @Test
    void aFailedBackupTaskStopsItsStepInErrorInsteadOfRunningAgainUntilAnOperatorRestartsIt() {
        start(Map.of("name", "nightly-1"));
        sim.offerAll();
        sim.status("node-0-backup", TaskState.FAILED, "command exited with status 1");
        for (int i = 0; i < 5; i++) {
            sim.clock.advance(Duration.ofSeconds(30));
            sim.offerAll();
        }
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).filteredOn("node-0-backup"::equals).hasSize(1);
        dev.berth.core.plan.Step step = sim.plan("backup").phases().get(0).steps().get(0);
        assertThat(step.status()).isEqualTo(Status.ERROR);
        assertThat(step.message()).isEqualTo("node-0-backup failed: command exited with status 1 "
                + "(berth pod logs db node-0 --task backup --stderr)");
        assertThat(sim.plan(PlanFactory.RECOVERY).phases().get(0).steps()).as("the server runs on").isEmpty();

        sim.submit(new ServiceCommand.ChangePlan("backup", PlanAction.RESTART, Optional.empty(), Optional.empty()));
        sim.clock.advance(Duration.ofMinutes(10)); // past any backoff of the failure
        sim.offerAll();
        assertThat(sim.driver.launches()).extracting(TaskInfo::name).filteredOn("node-0-backup"::equals).hasSize(2);
        assertThat(sim.driver.latestLaunch("node-0-backup").command().environment()).containsEntry("BERTH_PARAM_NAME", "nightly-1");
    }

    private void start(Map<String, String> parameters) {
        sim.submit(new ServiceCommand.ChangePlan("backup", PlanAction.START, Optional.empty(), Optional.empty(), parameters));
    }

    /** Runs the backup plan to its end: each backup task finishes as it is launched, then the action is done. */
    private void runBackup() {
        int launchedBefore = sim.driver.launches().size();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            sim.clock.advance(Duration.ofSeconds(3));
            sim.offerAll();
            List<TaskInfo> launched = sim.driver.launches();
            for (TaskInfo t : launched.subList(launchedBefore, launched.size())) {
                sim.status(t.name(), TaskState.FINISHED, false);
            }
            return sim.plan("backup").isComplete();
        });
        assertThat(sim.driver.launches().subList(launchedBefore, sim.driver.launches().size())).extracting(TaskInfo::name)
                .containsExactly("node-0-backup", "node-1-backup");
    }
}
