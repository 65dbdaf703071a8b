package dev.berth.kafka;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kafka package's rules across options, which its JSON Schema cannot say (and the pass-through server properties). */
public final class KafkaOptionRules {
    static final String HEAP = "brokers.heap";
    static final String MEM = "brokers.mem";
    static final String VERSION = "kafka.version";
    static final String TLS = "kafka.tls";
    /** What a broker's JVM needs besides its heap (metaspace, code, threads, network buffers): about 110 MiB at 256 MiB heap. */
    static final long OFF_HEAP_MIB = 128;

    private KafkaOptionRules() {
    }

    /** Every rule broken; {@code current} holds the running service's options on an update. */
    public static List<Violation> check(Map<String, Object> options, Optional<Map<String, Object>> current) {
        List<Violation> out = new ArrayList<>();
        OptionRules.heapFits(options, HEAP, MEM, OFF_HEAP_MIB).ifPresent(out::add);
        // a newer release may have raised the metadata version on disk, which an older one cannot read
        OptionRules.noDowngrade(options, current, VERSION, "Kafka cannot be downgraded in place")
                .ifPresent(out::add);
        ScaleDownRules.keepsQuorum(options, current).ifPresent(out::add);
        // brokers restarted one by one with the other protocol could not reach those not yet restarted; a service
        // installed before the option existed has none stored, and serves plaintext
        OptionRules.unchanged(options, current.map(c -> Map.of(TLS, c.getOrDefault(TLS, false))), TLS,
                "the brokers and controllers would be split between TLS and plaintext while they restart one by one")
                .ifPresent(out::add);
        out.addAll(ServerProperties.violations(options));
        return out;
    }
}
