package dev.berth.core.api;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.json.BerthJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The events, also to a Kafka topic, when the master was started with {@code --events-kafka}: each as its JSON
 * (the same document {@code GET /v1/events} answers) keyed by its service ({@code cluster} for the cluster's
 * own), so one service's events keep their order in one partition. Sent through SmallRye's Kafka connector on
 * the channel {@code berth-events-kafka}, whose producer is made at the first send ({@code lazy-client}): a
 * master without the option never opens a Kafka connection. The export is best effort: an event the brokers
 * refuse, or one beyond the buffer while they are away, is counted and logged, never retried into the master's
 * way; the journal keeps it.
 */
@ApplicationScoped
public class KafkaEventExport {
    private static final Logger LOG = Logger.getLogger(KafkaEventExport.class);
    /** Events held while the brokers are slow or away, as many as the journal holds. */
    static final int BUFFER = EventChannel.JOURNAL_CAPACITY;
    /** The key of the events that belong to no service. */
    static final String CLUSTER_KEY = "cluster";

    @ConfigProperty(name = "berth.events.kafka.bootstrap")
    Optional<String> bootstrap;

    @ConfigProperty(name = "berth.events.kafka.topic", defaultValue = "berth-events")
    String topic;

    @Inject
    @Channel("berth-events-kafka")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
    Emitter<Record<String, String>> kafka;

    @Inject
    MeterRegistry meters;

    /** Said once per outage, not once per event: a broker that is away would otherwise flood the log. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public boolean enabled() {
        return bootstrap.filter(b -> !b.isBlank()).isPresent();
    }

    /** Sends {@code event} to the topic, when export is on. */
    void export(ClusterEvent event) {
        if (!enabled()) {
            return;
        }
        String key = event.service().orElse(CLUSTER_KEY);
        try {
            kafka.send(Record.of(key, BerthJson.toJson(event))).whenComplete((sent, failed) -> {
                if (failed == null) {
                    count("sent");
                    if (failing.compareAndSet(true, false)) {
                        LOG.infof("events reach Kafka topic %s again", topic);
                    }
                } else {
                    count("failed");
                    if (failing.compareAndSet(false, true)) {
                        LOG.warnf("events do not reach Kafka topic %s at %s: %s (counted in berth_events_exported_total"
                                + "{result=\"failed\"}; the journal keeps them)", topic, bootstrap.orElse(""), failed.getMessage());
                    }
                }
            });
        } catch (RuntimeException full) {
            // the buffer is full: the brokers have been away for a while
            count("dropped");
            if (failing.compareAndSet(false, true)) {
                LOG.warnf("events to Kafka topic %s are dropped: %s", topic, full.getMessage());
            }
        }
    }

    private void count(String result) {
        meters.counter("berth.events.exported", "result", result).increment();
    }
}
