package dev.berth.core.protocol;

/**
 * The master's answer to an agent's registration ({@code POST /v1/agent/register}): the id to use from now
 * on, new or confirmed, and the leadership epoch of the master that answers (0 from a master without one;
 * an agent refuses a master older than the newest it has heard from).
 */
public record AgentRegistered(String agentId, long epoch) {
}
