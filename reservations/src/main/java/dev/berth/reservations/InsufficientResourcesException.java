package dev.berth.reservations;

/** A subtraction that would go below zero: names the resource, what was asked and what there is. */
public class InsufficientResourcesException extends RuntimeException {
    private final ResourceKey key;
    private final ResourceValue wanted;
    private final ResourceValue available;

    public InsufficientResourcesException(ResourceKey key, ResourceValue wanted, ResourceValue available) {
        super(key + ": wanted " + wanted + ", available " + (available == null ? "none" : available));
        this.key = key;
        this.wanted = wanted;
        this.available = available;
    }

    public ResourceKey key() {
        return key;
    }

    public ResourceValue wanted() {
        return wanted;
    }

    /** What there was of that resource, or null when there was none at all. */
    public ResourceValue available() {
        return available;
    }
}
