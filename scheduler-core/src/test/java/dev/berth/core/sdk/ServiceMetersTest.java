package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import dev.berth.core.spec.Strategy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A service's meters: steps timed from PREPARED to COMPLETE, waiting steps counted with the longest wait. */
class ServiceMetersTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static Plan plan(Step... steps) {
        return new Plan("deploy", Strategy.SERIAL, List.of(new Phase("node", Strategy.SERIAL, List.of(steps), false)), false);
    }

    @Test
    void aStepIsTimedFromPreparedToCompleteAndAWaitingStepIsCountedWithItsWait() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<ServiceSnapshot> snapshot = new AtomicReference<>();
        ServiceMeters meters = new ServiceMeters(registry, "hello", "hello", snapshot::get,
                Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC));
        Step zero = Step.pending("hello-0", List.of("server"));
        Step one = Step.pending("hello-1", List.of("server"));
        Plan p0 = plan(zero, one);
        Plan p1 = plan(zero.with(Status.PREPARED, "launching", T0), one);
        Plan p2 = plan(zero.with(Status.COMPLETE, "", T0.plusSeconds(12)), one.with(Status.PENDING, "no agent has cpus:1 free",
                T0.plusSeconds(30)));
        for (Plan[] change : List.of(new Plan[] {null, p0}, new Plan[] {p0, p1}, new Plan[] {p1, p2})) {
            PlanEvents.of("hello", Optional.ofNullable(change[0]), change[1]).forEach(meters::stepEvent);
        }
        snapshot.set(new ServiceSnapshot("hello", null, Map.of("deploy", p2), Map.of(), Map.of()));

        var timer = registry.get("berth.step.duration").tags("service", "hello", "plan", "deploy").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(12.0);
        assertThat(registry.get("berth.steps.waiting").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("berth.steps.waiting.longest").gauge().value()).isEqualTo(60.0);

        meters.hookCall("ready", Duration.ofMillis(40));
        assertThat(registry.get("berth.hook.calls").tags("question", "ready", "package", "hello").timer().count()).isEqualTo(1);
        meters.close();
        assertThat(registry.getMeters()).isEmpty();
    }
}
