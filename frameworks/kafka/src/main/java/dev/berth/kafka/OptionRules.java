package dev.berth.kafka;

import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kafka package's rules across options, which its JSON Schema cannot say (and the pass-through server properties). */
public final class OptionRules {
    static final String HEAP = "brokers.heap";
    static final String MEM = "brokers.mem";
    static final String VERSION = "kafka.version";

    private OptionRules() {
    }

    /** Every rule broken; {@code current} holds the running service's options on an update. */
    public static List<Violation> check(Map<String, Object> options, Optional<Map<String, Object>> current) {
        List<Violation> out = new ArrayList<>();
        Optional<Long> heap = number(options.get(HEAP));
        Optional<Long> mem = number(options.get(MEM));
        if (heap.isPresent() && mem.isPresent() && heap.get() >= mem.get()) {
            out.add(new Violation(HEAP, heap.get() + " MiB is not below " + MEM + " " + mem.get()
                    + " MiB; the JVM needs memory besides its heap"));
        }
        Optional<KafkaVersion> next = version(options.get(VERSION));
        Optional<KafkaVersion> running = current.flatMap(c -> version(c.get(VERSION)));
        if (next.isPresent() && running.isPresent() && next.get().compareTo(running.get()) < 0) {
            // A newer release may have raised the metadata version on disk, which an older one cannot read.
            out.add(new Violation(VERSION, next.get() + " is older than the running " + running.get()
                    + "; Kafka cannot be downgraded in place"));
        }
        out.addAll(ServerProperties.violations(options));
        return out;
    }

    /** Options arrive typed (Long from the schema) or as JSON numbers read back (Integer): take any number. */
    private static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<KafkaVersion> version(Object value) {
        return value == null ? Optional.empty() : KafkaVersion.parse(value.toString());
    }
}
