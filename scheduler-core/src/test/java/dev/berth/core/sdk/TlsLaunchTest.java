package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.offer.NodeCertificates;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import dev.berth.core.tls.Pem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A TLS service run by the simulation harness: what is sent to the master, what is kept, and its renewal plan. */
class TlsLaunchTest {
    static final String AGENT = "cpus:2;mem:2048;disk:4096;ports:[31000-31010]";

    ServiceSimulation sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    static ServiceSpec tlsHello(int count) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 64,
                List.of(), List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(3),
                Optional.of(new TlsSpec(Duration.ofDays(30))));
        PodSpec pod = new PodSpec("hello", count, List.of(new PlacementRule.UniqueAgent()), List.of(), List.of(server),
                Optional.empty());
        return new ServiceSpec("hello", "berth/hello", "hello", List.of(pod), List.of());
    }

    void deploy(int count) {
        sim = new ServiceSimulation(tlsHello(count), Map.of());
        for (int i = 0; i < count; i++) {
            sim.agent("agent-" + i, "127.0.0." + (2 + i), AGENT, Map.of());
        }
        runUntilComplete(PlanFactory.DEPLOY);
    }

    void runUntilComplete(String plan) {
        for (int i = 0; i < 10 && !sim.plan(plan).isComplete(); i++) {
            sim.offerAll();
            sim.allKilledStop();
            sim.allLaunchedRunReady();
        }
        assertThat(sim.plan(plan).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void theLaunchSentToTheMasterCarriesTheNodesKeyButTheStateStoreKeepsNone() throws Exception {
        deploy(1);

        TaskInfo sent = sim.driver.latestLaunch("hello-0-server");
        assertThat(sent.command().files().get(TlsSpec.KEYSTORE)).contains("PRIVATE KEY");
        TaskRecord kept = sim.store.tasks().get("hello-0-server");
        assertThat(kept.info().command().files()).containsOnlyKeys(TlsSpec.KEYSTORE, TlsSpec.CA);
        assertThat(kept.info().command().files().values()).noneMatch(content -> content.contains("PRIVATE KEY"));
        assertThat(sim.scheduler.snapshot().tasks().get("hello-0-server").info().command().files().values())
                .noneMatch(content -> content.contains("PRIVATE KEY"));
        // renewal reads the expiry from what was kept
        assertThat(kept.info().labels()).containsEntry(NodeCertificates.EXPIRES_LABEL,
                sent.labels().get(NodeCertificates.EXPIRES_LABEL));
        // the certificate is for the agent the instance was placed on
        assertThat(sim.agents.get(sent.agentId()).ip).isEqualTo("127.0.0.2");
        assertThat(Pem.readCertificate(sent.command().files().get(TlsSpec.KEYSTORE)).getSubjectAlternativeNames())
                .containsExactly(List.of(7, "127.0.0.2"));
    }

    @Test
    void aTlsServiceHasARenewalPlanWithAStepPerInstanceCompleteOnceDeployed() {
        deploy(2);

        Plan renewal = sim.plan(PlanFactory.TLS_RENEWAL);
        assertThat(renewal.phases()).extracting(Phase::name).containsExactly("hello");
        assertThat(renewal.phases().get(0).steps()).extracting(Step::name).containsExactly("hello-0", "hello-1");
        assertThat(renewal.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void restartingAnInstancesRenewalStepRelaunchesItWithANewKeyAndCertificate() {
        deploy(2);
        TaskInfo before = sim.driver.latestLaunch("hello-0-server");
        TaskInfo otherBefore = sim.driver.latestLaunch("hello-1-server");

        sim.submit(new ServiceCommand.ChangePlan(PlanFactory.TLS_RENEWAL, PlanAction.RESTART, Optional.of("hello"),
                Optional.of("hello-0")));
        assertThat(sim.plan(PlanFactory.TLS_RENEWAL).phases().get(0).step("hello-0").orElseThrow().status())
                .isEqualTo(Status.PENDING);
        runUntilComplete(PlanFactory.TLS_RENEWAL);

        TaskInfo after = sim.driver.latestLaunch("hello-0-server");
        assertThat(after.taskId()).isNotEqualTo(before.taskId());
        assertThat(after.agentId()).isEqualTo(before.agentId());
        assertThat(Pem.readCertificate(after.command().files().get(TlsSpec.KEYSTORE)))
                .isNotEqualTo(Pem.readCertificate(before.command().files().get(TlsSpec.KEYSTORE)));
        assertThat(after.command().files().get(TlsSpec.KEYSTORE)).isNotEqualTo(before.command().files().get(TlsSpec.KEYSTORE));
        assertThat(after.command().files().get(TlsSpec.CA)).isEqualTo(before.command().files().get(TlsSpec.CA));
        // the other instance was left alone
        assertThat(sim.driver.latestLaunch("hello-1-server").taskId()).isEqualTo(otherBefore.taskId());
    }
}
