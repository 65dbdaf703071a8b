package dev.berth.reservations;

/** The amount of one resource: a {@link Scalar} (cpus, mem, disk, gpus) or {@link Ranges} (ports). */
public sealed interface ResourceValue permits Scalar, Ranges {
    boolean isEmpty();

    default ResourceValue plus(ResourceValue other) {
        if (this instanceof Scalar a && other instanceof Scalar b) {
            return a.plus(b);
        }
        if (this instanceof Ranges a && other instanceof Ranges b) {
            return a.plus(b);
        }
        throw new IllegalArgumentException("cannot add " + other + " to " + this + ": a scalar and ranges");
    }

    default ResourceValue minus(ResourceValue other) {
        if (this instanceof Scalar a && other instanceof Scalar b) {
            return a.minus(b);
        }
        if (this instanceof Ranges a && other instanceof Ranges b) {
            return a.minus(b);
        }
        throw new IllegalArgumentException("cannot subtract " + other + " from " + this + ": a scalar and ranges");
    }

    default boolean covers(ResourceValue other) {
        if (this instanceof Scalar a && other instanceof Scalar b) {
            return a.covers(b);
        }
        if (this instanceof Ranges a && other instanceof Ranges b) {
            return a.covers(b);
        }
        return false;
    }
}
