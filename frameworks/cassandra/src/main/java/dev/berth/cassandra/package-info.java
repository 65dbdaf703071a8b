/**
 * The Cassandra package: its spec, options and templates live under {@code packages/cassandra}; this
 * package holds what they cannot say. {@link dev.berth.cassandra.CassandraHooks} is the thin part that
 * talks to the nodes (JMX: {@link dev.berth.cassandra.JmxRing} reads, {@link dev.berth.cassandra.NodeOperations}
 * upgradesstables, cleanup and decommission, run in the background as jobs of the hooks toolkit's
 * {@link dev.berth.core.sdk.hooks.HookJobs} and {@link dev.berth.core.sdk.hooks.InstanceByInstance});
 * the decisions are pure classes: {@link dev.berth.cassandra.RingChecks} (ready, may stop),
 * {@link dev.berth.cassandra.CassandraOptionRules} (options across fields and over updates),
 * {@link dev.berth.cassandra.CassandraTemplateValues} (seeds, rack, the pass-through settings),
 * {@link dev.berth.cassandra.CassandraActions} (what an update ends with) and
 * {@link dev.berth.cassandra.Decommissions} (where a decommission stands).
 */
package dev.berth.cassandra;
