package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.core.framework.FrameworkConnector;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.PlanFactory;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.sdk.state.InMemoryStateStore;
import dev.berth.core.testing.ManualClock;
import dev.berth.core.testing.TestAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The renewal timer's check on a resumed TLS service (its framework never registers, so what its store holds stays
 * as it is): a due instance's tls-renewal step is restarted, once.
 */
class CertificateRenewalsTest {
    static final Instant T = Instant.parse("2026-11-24T00:00:00Z");
    /** A master that never answers: the service keeps the tasks its store holds. */
    static final FrameworkConnector SILENT = (info, scheduler) -> new CompletableFuture<FrameworkDriver>();

    final ManualClock clock = new ManualClock(T);
    final InMemoryStateStore store = new InMemoryStateStore();
    final ServiceManager services = new ServiceManager(SILENT, PackageRepository.classpath(), name -> store, clock,
            ServiceScheduler.Settings.defaults(), TestAccess.openStore());
    CertificateRenewals renewals;

    @AfterEach
    void close() {
        if (renewals != null) {
            renewals.close();
        }
        services.close();
    }

    /**
     * The step as saved: read from the store, since the service's snapshot is published only after the change's
     * answer (its loop runs on a thread of its own here).
     */
    Step step(String instance) {
        Phase phase = store.plans().get(PlanFactory.TLS_RENEWAL).phase("hello").orElseThrow();
        return phase.step(instance).orElseThrow();
    }

    @Test
    void aDueInstancesRenewalStepIsRestartedOnceAndTheOthersAreLeftAlone() {
        // certificates of 30 days: due with 10 days left
        store.storeConfig(new ServiceTarget("config-1", "hello", "1", Map.of(), Map.of(), TlsLaunchTest.tlsHello(3), T));
        store.storeTask(CertificateRenewalTest.running("hello-0", "server", T.plus(Duration.ofDays(10))));
        store.storeTask(CertificateRenewalTest.running("hello-1", "server", T.plus(Duration.ofDays(11))));
        store.storeTask(CertificateRenewalTest.task("hello-2", "server", T.toString(), TaskState.KILLED));
        services.resume(List.of("hello"));
        renewals = CertificateRenewals.start(services, clock, Duration.ofDays(1)); // the test checks by hand
        assertThat(step("hello-0").status()).isEqualTo(Status.COMPLETE);

        renewals.check("hello", services.get("hello"));

        Step restarted = step("hello-0");
        assertThat(restarted.status()).isEqualTo(Status.PENDING);
        assertThat(step("hello-1").status()).isEqualTo(Status.COMPLETE);
        assertThat(step("hello-2").status()).as("its task ended").isEqualTo(Status.COMPLETE);
        // a round reads the service's snapshot, published on its loop just after the change's answer
        await().atMost(Duration.ofSeconds(10)).until(() -> services.get("hello").snapshot().plans()
                .get(PlanFactory.TLS_RENEWAL).phase("hello").orElseThrow().step("hello-0").orElseThrow().equals(restarted));

        // the next round finds it under way and leaves it be
        clock.advance(Duration.ofMinutes(5));
        renewals.check("hello", services.get("hello"));
        assertThat(step("hello-0")).isEqualTo(restarted);
        assertThat(step("hello-1").status()).isEqualTo(Status.COMPLETE);
    }
}
