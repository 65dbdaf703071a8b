package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The package's verdicts as the scheduler sees them: cached, asked again when old, never trusted across a change. */
class HookVerdictsTest {
    final ServiceSimulation.ManualClock clock = new ServiceSimulation.ManualClock(Instant.parse("2026-11-24T00:00:00Z"));
    final AtomicInteger asked = new AtomicInteger();

    final ServiceHooks hooks = new ServiceHooks() {
        @Override
        public Optional<String> stopBlocked(HookContext context, String podInstance) {
            asked.incrementAndGet();
            return Optional.empty();
        }
    };

    @Test
    void aStopVerdictAskedBeforeTheLatestTaskChangeDoesNotCount() {
        try (HookVerdicts verdicts = new HookVerdicts("db", hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Instant before = clock.instant();
            assertThat(verdicts.stopBlocked("node-0", () -> null, before)).contains("checking with the package");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.stopBlocked("node-0", () -> null, before).isEmpty());
            assertThat(asked).hasValue(1);

            clock.advance(Duration.ofMillis(500)); // within maxAge: the answer would still be reused...
            Instant nodeWentDown = clock.instant();
            // ...but another task changed since it was asked: ask again, and hold the stop meanwhile
            assertThat(verdicts.stopBlocked("node-0", () -> null, nodeWentDown)).contains("checking with the package");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.stopBlocked("node-0", () -> null, nodeWentDown).isEmpty());
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void aForgottenInstanceIsAskedAfresh() {
        try (HookVerdicts verdicts = new HookVerdicts("db", hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.stopBlocked("node-0", () -> null, Instant.MIN).isEmpty());
            verdicts.forget("node-0");
            assertThat(verdicts.stopBlocked("node-0", () -> null, Instant.MIN)).contains("checking with the package");
        }
    }

    @Test
    void aRelaunchedInstanceIsDecommissionedAgainWhenItsCountGoesDownAgain() {
        AtomicInteger decommissions = new AtomicInteger();
        ServiceHooks leaving = new ServiceHooks() {
            @Override
            public Optional<String> decommission(HookContext context, String podInstance) {
                decommissions.incrementAndGet();
                return Optional.empty();
            }
        };
        try (HookVerdicts verdicts = new HookVerdicts("db", leaving, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.decommission("node-3", () -> null).isEmpty());
            verdicts.forget("node-3"); // launched again after a scale-up
            assertThat(verdicts.decommission("node-3", () -> null)).contains("checking with the package");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> decommissions.get() == 2);
        }
    }
}
