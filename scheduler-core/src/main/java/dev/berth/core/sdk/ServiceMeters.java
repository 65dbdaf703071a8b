package dev.berth.core.sdk;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.plan.Phase;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Status;
import dev.berth.core.plan.Step;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A service's meters: how long its steps take (from PREPARED to COMPLETE, per plan), how many of its steps
 * wait with a reason and the longest wait, and how long its package's hooks take to answer, per question.
 * Removed with the service.
 */
final class ServiceMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final String service;
    private final String packageName;
    private final Clock clock;
    private final List<Meter> mine = new ArrayList<>();
    /** When each step last went PREPARED, by subject; read and written on the service loop only. */
    private final Map<String, Instant> started = new HashMap<>();

    ServiceMeters(MeterRegistry registry, String service, String packageName, Supplier<ServiceSnapshot> snapshot,
                  Clock clock) {
        this.registry = registry;
        this.service = service;
        this.packageName = packageName;
        this.clock = clock;
        mine.add(Gauge.builder("berth.steps.waiting", () -> waiting(snapshot.get()).size())
                .description("steps that wait, saying why (PENDING with a reason, WAITING or ERROR)")
                .tag("service", service).register(registry));
        mine.add(Gauge.builder("berth.steps.waiting.longest", () -> longestWait(snapshot.get()))
                .description("how long the step that has waited longest has waited").baseUnit("seconds")
                .tag("service", service).register(registry));
    }

    /** A step's status event: its start is kept at PREPARED, and its time taken when it is COMPLETE. */
    void stepEvent(ClusterEvent.Draft event) {
        if (event.kind() != EventKind.STEP_STATUS) {
            return;
        }
        Instant since = Instant.parse(event.details().get("since"));
        switch (event.details().get("to")) {
            case "PREPARED" -> started.put(event.subject(), since);
            case "COMPLETE" -> {
                Instant began = started.remove(event.subject());
                if (began != null && !since.isBefore(began)) {
                    Timer t = Timer.builder("berth.step.duration").description("a step from PREPARED to COMPLETE")
                            .tags("service", service, "plan", event.details().get("plan")).register(registry);
                    remember(t);
                    t.record(Duration.between(began, since));
                }
            }
            default -> {
                // other moves start or end nothing
            }
        }
    }

    /** A hook call answered (or failed) after {@code took}. */
    void hookCall(String question, Duration took) {
        Timer t = Timer.builder("berth.hook.calls").description("calls to a package's hooks")
                .tags("service", service, "package", packageName, "question", question).register(registry);
        remember(t);
        t.record(took);
    }

    private synchronized void remember(Meter m) {
        if (!mine.contains(m)) {
            mine.add(m);
        }
    }

    private static List<Step> waiting(ServiceSnapshot s) {
        List<Step> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (Plan p : s.plans().values()) {
            for (Phase phase : p.phases()) {
                for (Step step : phase.steps()) {
                    Status shown = step.shownStatus();
                    if (shown == Status.WAITING || shown == Status.ERROR
                            || shown == Status.PENDING && !step.message().isEmpty() && !p.isComplete()) {
                        out.add(step);
                    }
                }
            }
        }
        return out;
    }

    private double longestWait(ServiceSnapshot s) {
        Instant now = clock.instant();
        return waiting(s).stream().filter(step -> !step.updated().equals(Instant.EPOCH))
                .mapToDouble(step -> Duration.between(step.updated(), now).toMillis() / 1000.0).max().orElse(0);
    }

    @Override
    public synchronized void close() {
        mine.forEach(registry::remove);
        mine.clear();
    }
}
