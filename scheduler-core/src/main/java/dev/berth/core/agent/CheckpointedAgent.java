package dev.berth.core.agent;

import java.util.Objects;

/** Who this agent is, kept so a restarted agent re-registers under the same id with the same master. */
public record CheckpointedAgent(String agentId, String masterUrl) {
    public CheckpointedAgent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(masterUrl, "masterUrl");
    }
}
