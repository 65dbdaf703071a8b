package dev.berth.core.runtime;

import dev.berth.core.api.EventChannel;
import dev.berth.core.api.MasterHolder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the commands that serve the API ({@code berth master}, {@code berth up}) share. */
public abstract class ServerCommand {
    public static final String HTTP_HOST = "--http-host";
    public static final String HTTP_PORT = "--http-port";
    public static final String EVENTS_KAFKA = "--events-kafka";
    public static final String EVENTS_TOPIC = "--events-topic";

    @Mixin
    MasterOptions masterOptions;

    @Mixin
    ConfigFileOption configFile;

    /*
     * The API's address is needed before the command runs, when the HTTP server starts: the application's main
     * reads these two (from the command line or the config file) into quarkus.http.host and .port first. They
     * are declared here so that usage lists them and a config file may hold them.
     */
    @Option(names = HTTP_HOST, paramLabel = "ADDRESS", description = "the address the API listens on (default 127.0.0.1)")
    String httpHost;

    @Option(names = HTTP_PORT, paramLabel = "PORT", description = "the port the API listens on (default 8080)")
    Integer httpPort;

    /*
     * The Kafka connector's channel is configured when Quarkus starts, too: main reads these two into
     * berth.events.kafka.bootstrap and .topic (KafkaEventExport); declared here for usage and config files.
     */
    @Option(names = EVENTS_KAFKA, paramLabel = "HOST:PORT[,...]",
            description = "also publish the cluster's events to a Kafka topic, through these bootstrap servers")
    String eventsKafka;

    @Option(names = EVENTS_TOPIC, paramLabel = "TOPIC", description = "the topic of --events-kafka (default berth-events)")
    String eventsTopic;

    @Inject
    MasterHolder holder;

    /** The event channel the master's services and its own loop tell their changes to. */
    @Inject
    EventChannel events;

    /** Micrometer's registry (Berth's Prometheus registry among those it feeds). */
    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    /** The API URL this process listens on. */
    String listenUrl() {
        return "http://" + host + ":" + port;
    }
}
