/**
 * The scheduler core: master (agents, allocator, offers, operations), agent (task processes,
 * sandboxes, checkpoints), state (ZooKeeper, RocksDB), the service SDK (specs, plans, offer
 * evaluation), the REST API and the CLI. Built by the runtime and SDK issues.
 */
package dev.berth.core;
