package dev.berth.core.sdk;

import dev.berth.core.events.EventSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Who watches the services: the event sink they tell their changes to, and the registry of their meters. */
public record ServiceObservers(EventSink events, MeterRegistry meters) {
    /** Nobody: events go nowhere and meters to a registry of their own (tests, tools). */
    public static ServiceObservers none() {
        return new ServiceObservers(EventSink.NONE, new SimpleMeterRegistry());
    }
}
