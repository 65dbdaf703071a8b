package dev.berth.core.master;

/**
 * The master a call reached has stopped: its leadership term ended while the call waited or before it ran.
 * The API answers 503, like a standby, so agents and frameworks go and find the leader at once instead of
 * waiting on a queue nobody feeds.
 */
public final class TermEndedException extends RuntimeException {
    public TermEndedException() {
        super("this master's leadership term has ended; ask the leader");
    }
}
