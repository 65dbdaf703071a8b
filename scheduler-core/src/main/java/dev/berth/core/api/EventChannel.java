package dev.berth.core.api;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventJournal;
import dev.berth.core.events.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The master's events through SmallRye Reactive Messaging: each is stamped, sent on the in-memory channel
 * {@code berth-events}, and taken from it into the {@link EventJournal} that {@code GET /v1/events} reads.
 * From there they also go to a Kafka topic when the master exports them ({@link KafkaEventExport}), in the
 * journal's order. Events are told after the durable
 * write they describe; one that cannot be sent is logged and dropped, the state it describes is not.
 */
@ApplicationScoped
public class EventChannel implements EventSink {
    private static final Logger LOG = Logger.getLogger(EventChannel.class);
    /** Events kept for readers that resume ({@code Last-Event-ID}) or list without following. */
    static final int JOURNAL_CAPACITY = 10_000;

    private final EventJournal journal = new EventJournal(JOURNAL_CAPACITY, Clock.systemUTC());

    @Inject
    @Channel("berth-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = JOURNAL_CAPACITY)
    Emitter<ClusterEvent> emitter;

    @Override
    public synchronized void publish(ClusterEvent.Draft draft) {
        ClusterEvent event = journal.stamp(draft); // stamped and sent under one lock: the channel keeps their order
        try {
            emitter.send(event);
        } catch (RuntimeException e) {
            LOG.warnf("event %s %s not sent: %s", event.kind(), event.subject(), e.getMessage());
        }
    }

    @Inject
    KafkaEventExport export;

    @Incoming("berth-events")
    void received(ClusterEvent event) {
        journal.append(event);
        export.export(event);
    }

    public EventJournal journal() {
        return journal;
    }
}
