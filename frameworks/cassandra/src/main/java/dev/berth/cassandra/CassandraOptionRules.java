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
    static final String RESTRICT_ATTRIBUTE = "nodes.restrict_attribute";
    static final String RESTRICT_VALUES = "nodes.restrict_values";
    static final String AUTHENTICATION = "cassandra.authentication";
    static final String TLS = "cassandra.tls";
    static final String SUPERUSER = "cassandra.superuser";
    /** The role Cassandra creates with the well-known password cassandra, which the deploy drops. */
    static final String DEFAULT_ROLE = "cassandra";
    /**
     * What a node uses besides its heap: measured about 450 MiB at a 512 MiB heap (metaspace, code,
     * thread stacks, Netty's and the chunk cache's direct buffers), all inside the task's memory limit.
     */
    static final long OFF_HEAP_MIB = 512;
    /**
     * The replication factor of Cassandra's own system_distributed keyspace (SimpleStrategy, 3): a node
     * does not leave a ring that would keep fewer nodes than some keyspace has replicas, so no
     * scale-down can go below it.
     */
    static final long SYSTEM_DISTRIBUTED_RF = 3;

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
        scaleDownFloor(count, current).ifPresent(out::add);
        boolean attribute = !String.valueOf(options.getOrDefault(RESTRICT_ATTRIBUTE, "")).isEmpty();
        boolean values = !String.valueOf(options.getOrDefault(RESTRICT_VALUES, "")).isEmpty();
        if (attribute != values) {
            out.add(new Violation(attribute ? RESTRICT_VALUES : RESTRICT_ATTRIBUTE, "missing: "
                    + (attribute ? RESTRICT_ATTRIBUTE + " names an attribute, so give the values its agents may have"
                    : RESTRICT_VALUES + " lists values, so name the agent attribute they are values of")
                    + ", e.g. " + RESTRICT_ATTRIBUTE + "=zone and " + RESTRICT_VALUES + "=a,b"));
        }
        OptionRules.unchanged(options, current, DATACENTER, "nodes keep the data center they joined in; "
                + "a new data center is a new ring or a second service").ifPresent(out::add);
        OptionRules.unchanged(options, current, CLUSTER_NAME, "a node refuses to start in a ring of another name")
                .ifPresent(out::add);
        OptionRules.unchanged(options, current, NUM_TOKENS, "a node keeps the tokens it bootstrapped with")
                .ifPresent(out::add);
        OptionRules.unchanged(options, current, AUTHENTICATION, "turning logins on or off would take a rolling "
                + "restart with two kinds of node in one ring; install a new service instead").ifPresent(out::add);
        // a service installed before the option existed has none stored, and serves plaintext
        OptionRules.unchanged(options, current.map(c -> Map.<String, Object>of(TLS, c.getOrDefault(TLS, false))), TLS,
                "nodes restarted one by one would serve CQL clients and Berth's own checks half over TLS, half in plaintext")
                .ifPresent(out::add);
        OptionRules.unchanged(options, current, SUPERUSER, "the superuser role is created once, at the end of the "
                + "deploy; create other roles with CQL").ifPresent(out::add);
        if (DEFAULT_ROLE.equals(options.get(SUPERUSER))) {
            out.add(new Violation(SUPERUSER, "'" + DEFAULT_ROLE + "' is Cassandra's default role, which the deploy "
                    + "drops because everyone knows its password; choose another name, such as admin"));
        }
        // sstables, commit log and system tables written by a newer release may not be readable by an older one
        OptionRules.noDowngrade(options, current, VERSION, "Cassandra cannot be downgraded in place").ifPresent(out::add);
        out.addAll(YamlSettings.violations(options));
        return out;
    }

    /**
     * A scale-down decommissions nodes, which Cassandra refuses (unforced) when a keyspace would keep
     * more replicas than nodes; system_distributed has 3 in every ring, so below 3 it always would.
     * Keyspaces of the user's with more replicas than the new count are Cassandra's to refuse, at the
     * decommission step: only the running ring knows them.
     */
    private static Optional<Violation> scaleDownFloor(Optional<Long> count, Optional<Map<String, Object>> current) {
        Optional<Long> was = current.flatMap(c -> OptionRules.number(c.get(COUNT)));
        if (count.isEmpty() || was.isEmpty() || count.get() >= was.get() || count.get() >= SYSTEM_DISTRIBUTED_RF) {
            return Optional.empty();
        }
        return Optional.of(new Violation(COUNT, was.get() + " -> " + count.get() + " is below "
                + SYSTEM_DISTRIBUTED_RF + ": a node leaves the ring (decommission) only while at least as many nodes "
                + "stay as a keyspace has replicas, and Cassandra's system_distributed keeps " + SYSTEM_DISTRIBUTED_RF
                + (was.get() > SYSTEM_DISTRIBUTED_RF ? "; scale down to " + SYSTEM_DISTRIBUTED_RF + " at the least"
                        : "; a ring of " + was.get() + " nodes cannot shrink")));
    }
}
