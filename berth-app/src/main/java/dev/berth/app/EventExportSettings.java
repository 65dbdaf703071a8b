package dev.berth.app;

import dev.berth.core.runtime.ServerCommand;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@code berth master} and {@code berth up} also publish the cluster's events: {@code --events-kafka} and
 * {@code --events-topic} from the command line or the config file, set as {@code berth.events.kafka.bootstrap}
 * and {@code .topic} before Quarkus starts, since the Kafka connector's channel is configured then.
 */
final class EventExportSettings {
    private static final Set<String> SERVERS = Set.of("master", "up");
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9._-]+:[0-9]{1,5}");
    /** Kafka's own rule for a topic name. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private EventExportSettings() {
    }

    static void apply(String[] args) {
        if (args.length == 0 || !SERVERS.contains(args[0])) {
            return;
        }
        Optional<ConfigFile> file = ConfigFile.named(args);
        ConfigFile.setting(args, file, ServerCommand.EVENTS_KAFKA).ifPresent(servers -> {
            for (String server : servers.split(",", -1)) {
                if (!SERVER.matcher(server.trim()).matches()) {
                    throw new IllegalArgumentException(ServerCommand.EVENTS_KAFKA + ": '" + server + "' is not a bootstrap"
                            + " server; use HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092");
                }
            }
            System.setProperty("berth.events.kafka.bootstrap", servers.replace(" ", ""));
        });
        ConfigFile.setting(args, file, ServerCommand.EVENTS_TOPIC).ifPresent(topic -> {
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new IllegalArgumentException(ServerCommand.EVENTS_TOPIC + ": '" + topic + "' is not a topic name;"
                        + " use 1-249 characters of [A-Za-z0-9._-]");
            }
            System.setProperty("berth.events.kafka.topic", topic);
        });
    }
}
