package dev.berth.core.protocol;

/** The master's answer to an agent's registration ({@code POST /v1/agent/register}): the id to use from now on, new or confirmed. */
public record AgentRegistered(String agentId) {
}
