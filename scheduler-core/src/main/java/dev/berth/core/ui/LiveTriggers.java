package dev.berth.core.ui;

import dev.berth.core.events.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which events make each part of the page fetch itself again, as htmx {@code hx-trigger} values: the event
 * stream names each event by its kind, and htmx's SSE extension turns an event named {@code step.status} into
 * the trigger {@code sse:step.status}. The short delay gathers a burst (a deploy writes several events per
 * step) into one fetch, made after its last event, so the page ends on the latest state.
 */
final class LiveTriggers {
    static final String DELAY = "delay:150ms";

    private LiveTriggers() {
    }

    static Views.Triggers all() {
        return new Views.Triggers(
                of(Stream.concat(family("agent"), Stream.of(EventKind.OPERATION_APPLIED, EventKind.TASK_STATUS))),
                of(Stream.concat(family("service"), Stream.of(EventKind.PLAN_STATUS, EventKind.STEP_STATUS,
                        EventKind.TASK_STATUS))),
                of(Arrays.stream(EventKind.values())));
    }

    /** {@code sse:KIND delay:…} for each kind, comma-separated. */
    static String of(Stream<EventKind> kinds) {
        return kinds.map(k -> "sse:" + k.wireName() + " " + DELAY).collect(Collectors.joining(", "));
    }

    private static Stream<EventKind> family(String family) {
        List<EventKind> kinds = Arrays.stream(EventKind.values()).filter(k -> k.wireName().startsWith(family + ".")).toList();
        return kinds.stream();
    }
}
