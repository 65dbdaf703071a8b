package dev.berth.core.state;

/**
 * A write of a master whose leadership term has ended: another master claimed a newer epoch, so the
 * write was refused and changed nothing. The master that gets it must stop acting as the leader.
 */
public final class FencedException extends RuntimeException {
    private final long epoch;

    public FencedException(long epoch, String message, Throwable cause) {
        super(message, cause);
        this.epoch = epoch;
    }

    /** The epoch of the term that ended. */
    public long epoch() {
        return epoch;
    }
}
