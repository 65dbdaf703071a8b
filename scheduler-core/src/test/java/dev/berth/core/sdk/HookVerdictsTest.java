package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The package's verdicts as the scheduler sees them: cached, asked again when old, never trusted across a change. */
class HookVerdictsTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T00:00:00Z"));
    final AtomicInteger asked = new AtomicInteger();

    final ServiceHooks hooks = new ServiceHooks() {
        @Override
        public Verdict mayStop(HookContext context, String podInstance) {
            asked.incrementAndGet();
            return Verdict.ready();
        }
    };

    @Test
    void aStopVerdictAskedBeforeTheLatestTaskChangeDoesNotCount() {
        try (HookVerdicts verdicts = new HookVerdicts("db", hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            assertThat(verdicts.mayStop("node-0", () -> null))
                    .isEqualTo(Verdict.waiting("checking with the package"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.mayStop("node-0", () -> null).isReady());
            assertThat(asked).hasValue(1);

            clock.advance(Duration.ofMillis(500)); // within maxAge: the answer would still be reused...
            verdicts.taskChanged();
            // ...but another task changed since it was asked: ask again, and hold the stop meanwhile
            assertThat(verdicts.mayStop("node-0", () -> null))
                    .isEqualTo(Verdict.waiting("checking with the package"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.mayStop("node-0", () -> null).isReady());
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void aWaitIsAskedAgainAfterAShortBackoffAndTheSchedulerIsToldToLookAgain() {
        AtomicInteger readyAsked = new AtomicInteger();
        ServiceHooks notYet = new ServiceHooks() {
            @Override
            public Verdict ready(HookContext context, String podInstance) {
                readyAsked.incrementAndGet();
                return Verdict.waiting("not in sync yet");
            }
        };
        AtomicInteger told = new AtomicInteger();
        try (HookVerdicts verdicts = new HookVerdicts("db", notYet, clock, Duration.ofSeconds(2), Duration.ofSeconds(5),
                told::incrementAndGet)) {
            verdicts.ready("node-0", () -> null);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.ready("node-0", () -> null)
                    .equals(Verdict.waiting("not in sync yet")));
            // told once for the new answer, and once more when it went stale, so that the step asks again
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> told.get() >= 2);
            assertThat(readyAsked).hasValue(1);

            clock.advance(Duration.ofMillis(HookVerdicts.RECHECK_FIRST_MS + 1)); // well within maxAge
            verdicts.ready("node-0", () -> null);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> readyAsked.get() == 2);
        }
    }

    @Test
    void aReadyVerdictIsKeptForMaxAge() {
        try (HookVerdicts verdicts = new HookVerdicts("db", hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.mayStop("node-0", () -> null).isReady());
            clock.advance(Duration.ofMillis(1500));
            assertThat(verdicts.mayStop("node-0", () -> null).isReady()).isTrue();
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void waitsInARowAreAskedAgainLessOftenUpToTheCap() {
        Duration maxAge = Duration.ofSeconds(2);
        assertThat(HookVerdicts.recheckDelay(1, maxAge)).isEqualTo(Duration.ofMillis(HookVerdicts.RECHECK_FIRST_MS));
        assertThat(HookVerdicts.recheckDelay(2, maxAge)).isGreaterThan(HookVerdicts.recheckDelay(1, maxAge));
        assertThat(HookVerdicts.recheckDelay(50, maxAge)).isEqualTo(Duration.ofMillis(HookVerdicts.RECHECK_MAX_MS));
        assertThat(HookVerdicts.recheckDelay(50, Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void closingClosesThePackagesHooksOnce() {
        AtomicInteger closed = new AtomicInteger();
        ServiceHooks keeping = new ServiceHooks() {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        HookVerdicts verdicts = new HookVerdicts("db", keeping, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { });
        verdicts.close();
        verdicts.close();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aForgottenInstanceIsAskedAfresh() {
        try (HookVerdicts verdicts = new HookVerdicts("db", hooks, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.mayStop("node-0", () -> null).isReady());
            verdicts.forget("node-0");
            assertThat(verdicts.mayStop("node-0", () -> null))
                    .isEqualTo(Verdict.waiting("checking with the package"));
        }
    }

    @Test
    void aRelaunchedInstanceIsDecommissionedAgainWhenItsCountGoesDownAgain() {
        AtomicInteger decommissions = new AtomicInteger();
        ServiceHooks leaving = new ServiceHooks() {
            @Override
            public Verdict decommission(HookContext context, String podInstance) {
                decommissions.incrementAndGet();
                return Verdict.ready();
            }
        };
        try (HookVerdicts verdicts = new HookVerdicts("db", leaving, clock, Duration.ofSeconds(2), Duration.ofSeconds(5), () -> { })) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.decommission("node-3", () -> null).isReady());
            verdicts.forget("node-3"); // launched again after a scale-up
            assertThat(verdicts.decommission("node-3", () -> null))
                    .isEqualTo(Verdict.waiting("checking with the package"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> decommissions.get() == 2);
        }
    }

    /**
     * A hook that hangs (a database that accepts the connection and never answers) is asked once, not
     * again every time its verdict is stale: the step says it did not answer, and one thread waits.
     */
    @Test
    void aHungHookIsNotAskedAgainWhileItsCallIsStillRunning() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        ServiceHooks hung = new ServiceHooks() {
            @Override
            public Verdict ready(HookContext context, String podInstance) {
                calls.incrementAndGet();
                awaitIgnoringInterrupts(answer); // a JDBC or JMX call that does not heed interrupts
                return Verdict.ready();
            }
        };
        try (HookVerdicts verdicts = new HookVerdicts("db", hung, clock, Duration.ofSeconds(2), Duration.ofSeconds(1), () -> { })) {
            assertThat(verdicts.ready("node-0", () -> null)).isEqualTo(Verdict.waiting("checking with the package"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.ready("node-0", () -> null)
                    .equals(Verdict.waiting("the package's check did not answer within 1s")));
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(3)); // the verdict is stale each time it is read
                verdicts.ready("node-0", () -> null);
            }
            assertThat(calls).hasValue(1);
            assertThat(verdicts.callsInFlight()).isEqualTo(1);

            answer.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.callsInFlight() == 0);
            assertThat(verdicts.ready("node-0", () -> null)).isEqualTo(Verdict.ready()); // its late answer counts
            clock.advance(Duration.ofSeconds(3));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                verdicts.ready("node-0", () -> null);
                return calls.get() == 2; // asked again once the hung call had returned and its answer grew old
            });
        }
    }

    /** However many instances wait on a slow database, a service's hooks hold at most a few threads. */
    @Test
    void hookCallsOfOneServiceRunOnABoundedPool() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        ServiceHooks slow = new ServiceHooks() {
            @Override
            public Verdict ready(HookContext context, String podInstance) {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                awaitIgnoringInterrupts(answer);
                running.decrementAndGet();
                return Verdict.ready();
            }
        };
        try (HookVerdicts verdicts = new HookVerdicts("db", slow, clock, Duration.ofSeconds(2), Duration.ofSeconds(30), () -> { })) {
            for (int i = 0; i < 10; i++) {
                verdicts.ready("node-" + i, () -> null);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == HookVerdicts.POOL);
            answer.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> java.util.stream.IntStream.range(0, 10)
                    .allMatch(i -> verdicts.ready("node-" + i, () -> null).isReady()));
            assertThat(mostAtOnce).hasValue(HookVerdicts.POOL);
        }
    }

    /**
     * An update replaced while its action was being asked: the old answer ("done") arrives late and must
     * not complete the same action of the update that took its place.
     */
    @Test
    void aReplacedActionsLateAnswerDoesNotCountForTheActionThatTakesItsPlace() {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch firstAnswer = new CountDownLatch(1);
        ServiceHooks finalize = new ServiceHooks() {
            @Override
            public Verdict runAction(HookContext context, String action) {
                if (calls.incrementAndGet() == 1) {
                    awaitIgnoringInterrupts(firstAnswer);
                    return Verdict.ready(); // what the replaced update's finalize would have said
                }
                return Verdict.waiting("finalize held back by the new update");
            }
        };
        try (HookVerdicts verdicts = new HookVerdicts("db", finalize, clock, Duration.ofSeconds(2), Duration.ofSeconds(30), () -> { })) {
            assertThat(verdicts.action("update", "finalize", () -> null)).isEmpty();
            verdicts.forgetAction("update", "finalize"); // the update plan was replaced; its action is re-added
            firstAnswer.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.callsInFlight() == 0);

            assertThat(verdicts.action("update", "finalize", () -> null)).isEmpty(); // not "done": asked afresh
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> verdicts.action("update", "finalize", () -> null)
                    .equals(Optional.of(Verdict.waiting("finalize held back by the new update"))));
            assertThat(calls).hasValue(2);
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting, as a blocking client call that ignores interrupts would
            }
        }
    }
}
