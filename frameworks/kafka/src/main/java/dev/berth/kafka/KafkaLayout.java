package dev.berth.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Which brokers are controllers: the first three (fewer when there are fewer brokers) run broker and
 * controller together and vote in the metadata quorum; the others are brokers only. Three voters
 * survive the loss of one; more would only slow every commit.
 *
 * @param brokers {@code brokers.count}
 */
public record KafkaLayout(int brokers) {
    /** How many brokers at most are also controllers. Must match svc.yaml and server.properties. */
    public static final int CONTROLLERS = 3;

    /** From the service's options, falling back to the pod count when the option is missing. */
    public static KafkaLayout of(Map<String, Object> options, int podCount) {
        Object count = options.get("brokers.count");
        return new KafkaLayout(count instanceof Number n ? n.intValue()
                : Optional.ofNullable(count).map(c -> Integer.parseInt(c.toString().trim())).orElse(podCount));
    }

    public int controllers() {
        return Math.min(CONTROLLERS, brokers);
    }

    public boolean isController(int index) {
        return index >= 0 && index < controllers();
    }

    public IntStream controllerIndexes() {
        return IntStream.range(0, controllers());
    }
}
