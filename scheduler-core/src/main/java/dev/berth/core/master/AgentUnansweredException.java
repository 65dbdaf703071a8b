package dev.berth.core.master;

/**
 * A question for an agent (a read of a task's file) that it cannot answer now: it is unreachable, or did not
 * answer in time. The API answers 504, as a gateway whose upstream is silent.
 */
public final class AgentUnansweredException extends RuntimeException {
    AgentUnansweredException(String message) {
        super(message);
    }
}
