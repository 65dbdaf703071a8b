package dev.berth.core.agent;

/** The checkpoint could not be read or written; the agent must not go on as if it had been. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
