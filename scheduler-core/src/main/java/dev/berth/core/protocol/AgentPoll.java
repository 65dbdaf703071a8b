package dev.berth.core.protocol;

import java.util.List;

/**
 * {@code POST /v1/agent/{id}/poll}: the agent's heartbeat and its way to receive commands. It
 * confirms every command up to {@code confirmed} and waits up to {@code waitMs} for new ones. The
 * answer says {@code registered=false} when the master does not know the agent (it must register again).
 */
public record AgentPoll(long confirmed, long waitMs) {
    public record Answer(boolean registered, List<Sequenced<AgentCommand>> commands) {
        public Answer {
            commands = commands == null ? List.of() : List.copyOf(commands);
        }
    }
}
