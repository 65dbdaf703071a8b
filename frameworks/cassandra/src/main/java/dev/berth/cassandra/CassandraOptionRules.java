package dev.berth.cassandra;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cassandra package's rules across options, which its JSON Schema cannot say, and over updates. */
final class CassandraOptionRules {
    static final String COUNT = "nodes.count";
    static final String MEM = "nodes.mem";
    static final String HEAP = "nodes.heap";
    static final String SEEDS = "cassandra.seeds";
    static final String VERSION = "cassandra.version";
    static final String DATACENTER = "cassandra.datacenter";
    static final String CLUSTER_NAME = "cassandra.cluster_name";
    static final String NUM_TOKENS = "cassandra.num_tokens";
    /**
     * What a node uses besides its heap: measured about 450 MiB at a 512 MiB heap (metaspace, code,
     * thread stacks, Netty's and the chunk cache's direct buffers), all inside the task's memory limit.
     */
    static final long OFF_HEAP_MIB = 512;

    private CassandraOptionRules() {
    }

    /** Every rule broken; {@code current} holds the running service's options on an update. */
    static List<Violation> check(Map<String, Object> options, Optional<Map<String, Object>> current) {
        List<Violation> out = new ArrayList<>();
        OptionRules.heapFits(options, HEAP, MEM, OFF_HEAP_MIB).ifPresent(out::add);
        Optional<Long> seeds = OptionRules.number(options.get(SEEDS));
        Optional<Long> count = OptionRules.number(options.get(COUNT));
        if (seeds.isPresent() && count.isPresent() && seeds.get() > count.get()) {
            out.add(new Violation(SEEDS, seeds.get() + " is more than " + COUNT + " " + count.get()
                    + "; seeds are the first nodes: set it to at most " + count.get()));
        }
        OptionRules.unchanged(options, current, DATACENTER, "nodes keep the data center they joined in; "
                + "a new data center is a new ring or a second service").ifPresent(out::add);
        OptionRules.unchanged(options, current, CLUSTER_NAME, "a node refuses to start in a ring of another name")
                .ifPresent(out::add);
        OptionRules.unchanged(options, current, NUM_TOKENS, "a node keeps the tokens it bootstrapped with")
                .ifPresent(out::add);
        // sstables, commit log and system tables written by a newer release may not be readable by an older one
        OptionRules.noDowngrade(options, current, VERSION, "Cassandra cannot be downgraded in place").ifPresent(out::add);
        out.addAll(YamlSettings.violations(options));
        return out;
    }
}
