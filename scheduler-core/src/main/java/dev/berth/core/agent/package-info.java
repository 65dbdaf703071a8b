/**
 * The agent-side task runtime: it runs each task as a real OS process in its own session and
 * process group, inside a sandbox directory, limited by cgroups (or measured when cgroups cannot be
 * written), and keeps running tasks alive across agent restarts.
 *
 * <p>Entry point: {@link dev.berth.core.agent.TaskRunner}. It checkpoints every task in
 * {@link dev.berth.core.agent.AgentCheckpoint} before the process starts, so a restarted
 * agent re-attaches to its tasks (matched by pid <em>and</em> process start time) instead of killing
 * them, and learns the exit code of a task that ended while the agent was down from the
 * {@code .berth/exit_status} file the task wrapper writes into the sandbox.
 */
package dev.berth.core.agent;
