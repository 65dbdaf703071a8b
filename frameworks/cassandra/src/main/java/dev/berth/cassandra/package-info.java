/**
 * The Cassandra package: its spec, options and templates live under {@code packages/cassandra}; this
 * package holds what they cannot say. {@link dev.berth.cassandra.CassandraHooks} is the thin part that
 * talks to the nodes (JMX); the decisions are pure classes: {@link dev.berth.cassandra.RingChecks}
 * (ready, may stop), {@link dev.berth.cassandra.CassandraOptionRules} (options across fields and over updates),
 * {@link dev.berth.cassandra.CassandraTemplateValues} (seeds, rack, the pass-through settings).
 */
package dev.berth.cassandra;
