package dev.berth.core.protocol;

import java.util.List;

/**
 * {@code POST /v1/agent/{id}/poll}: the agent's heartbeat and its way to receive commands. It
 * confirms every command up to {@code confirmed} and waits up to {@code waitMs} for new ones. The
 * answer says {@code registered=false} when the master does not know the agent (it must register again),
 * and carries the leadership epoch of the master that queued the commands: a master's queue lives and dies
 * with its term, so one number covers them all. An agent ignores the commands of an epoch older than the
 * newest it has heard from (a deposed leader's); a missing epoch reads as 0.
 */
public record AgentPoll(long confirmed, long waitMs) {
    public record Answer(boolean registered, List<Sequenced<AgentCommand>> commands, long epoch) {
        public Answer {
            commands = commands == null ? List.of() : List.copyOf(commands);
        }
    }
}
