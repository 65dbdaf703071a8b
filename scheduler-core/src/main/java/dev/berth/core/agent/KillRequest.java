package dev.berth.core.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Why and how the agent is killing a task. It is checkpointed with the task so a kill interrupted by
 * an agent restart still ends as KILLED (or FAILED for a limit), not as LOST.
 */
public record KillRequest(Cause cause, String message, Duration gracePeriod) {
    public enum Cause {
        /** Asked for from outside (framework, operator, shutdown): ends as KILLED. */
        REQUESTED,
        /** The agent enforces the memory limit: ends as FAILED with reason MEMORY_LIMIT. */
        MEMORY_LIMIT
    }

    public KillRequest {
        Objects.requireNonNull(cause, "cause");
        message = message == null ? "" : message;
        gracePeriod = gracePeriod == null || gracePeriod.isNegative() ? Duration.ZERO : gracePeriod;
    }
}
