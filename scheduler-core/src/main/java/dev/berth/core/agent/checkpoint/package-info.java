/**
 * The agent's checkpoint: what runs on this agent (tasks, their pids and start times, sandboxes,
 * volumes, states) and who the agent is, kept in RocksDB under {@code <workDir>/checkpoint} with
 * synced writes, so an agent restart re-attaches to its tasks instead of losing them.
 */
package dev.berth.core.agent.checkpoint;
