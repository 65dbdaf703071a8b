package dev.berth.kafka;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a lower {@code brokers.count} may not do. The controllers are the first three brokers and vote in a
 * dynamic quorum: taking one out shrinks the quorum to two voters, which survives no loss, so a scale-down
 * never goes below three brokers (nor, for a smaller service, below its count). And no topic may be left
 * replicated more times than there are brokers: its partitions could not be moved anywhere. The first rule
 * reads the options only; the second needs the topics of the running cluster. Pure.
 */
final class ScaleDownRules {
    static final String COUNT = "brokers.count";

    private ScaleDownRules() {
    }

    /** Refuses a count lowered below the controllers' quorum; empty for any other change, and on install. */
    static Optional<Violation> keepsQuorum(Map<String, Object> options, Optional<Map<String, Object>> current) {
        Optional<Long> now = OptionRules.number(options.get(COUNT));
        Optional<Long> was = current.flatMap(c -> OptionRules.number(c.get(COUNT)));
        if (now.isEmpty() || was.isEmpty() || now.get() >= was.get()) {
            return Optional.empty();
        }
        long least = Math.min(was.get(), KafkaLayout.CONTROLLERS);
        if (now.get() >= least) {
            return Optional.empty();
        }
        return Optional.of(new Violation(COUNT, was.get() + " -> " + now.get() + " would take a voter out of the controller"
                + " quorum (brokers 0.." + (least - 1) + " are its " + least + " voters); a scale-down keeps at least "
                + least + " brokers (allowed: " + least + " or more)"));
    }

    /**
     * Refuses a scale-down from {@code was} to {@code now} brokers below the replication factor of a topic
     * ({@code replicationFactors}: topic to its largest partition's replica count), naming each such topic.
     */
    static List<Violation> keepsReplicas(int was, int now, Map<String, Integer> replicationFactors) {
        List<Violation> out = new ArrayList<>();
        if (now >= was) {
            return out;
        }
        new TreeMap<>(replicationFactors).forEach((topic, rf) -> {
            if (rf > now) {
                out.add(new Violation(COUNT, was + " -> " + now + ": topic " + topic + " has replication factor " + rf
                        + ", more than the " + now + " brokers that would remain; lower its replication factor (or delete it)"
                        + " first, or keep " + COUNT + " at " + rf + " or more"));
            }
        });
        return out;
    }

    /** {@code brokers.count} of options; {@code fallback} when it is missing. */
    static int count(Map<String, Object> options, int fallback) {
        return OptionRules.number(options.get(COUNT)).map(Long::intValue).orElse(fallback);
    }
}
