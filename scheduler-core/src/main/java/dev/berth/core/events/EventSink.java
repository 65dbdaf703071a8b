package dev.berth.core.events;

/**
 * Where the master and the services tell what they changed, right after the durable write (never instead of
 * it). The master's node passes one that stamps each event and hands it to the event channel.
 */
@FunctionalInterface
public interface EventSink {
    /** For tests and tools that watch nothing. */
    EventSink NONE = event -> {
    };

    void publish(ClusterEvent.Draft event);
}
