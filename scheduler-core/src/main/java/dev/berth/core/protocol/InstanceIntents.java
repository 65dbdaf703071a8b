package dev.berth.core.protocol;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service still means to do with one pod instance, kept in its state store so that a scheduler
 * restart or a master failover goes on with it: an operator's restart or replace not carried out yet,
 * the failures counted for its backoff (and when the last was), and since when it has been away with its
 * agent (the permanent-failure clock, as a timestamp: a new leader does not start it over).
 *
 * @param instance     the pod instance, e.g. {@code node-1}
 * @param restart      an operator asked to restart it in place
 * @param replace      an operator asked to replace it on another agent
 * @param failures     failures since it last completed
 * @param lastFailure  when the latest of them happened
 * @param awaySince    since when its agent has been away, if it is
 */
public record InstanceIntents(String instance, boolean restart, boolean replace, int failures,
                              Optional<Instant> lastFailure, Optional<Instant> awaySince) {

    public InstanceIntents {
        Objects.requireNonNull(instance, "instance");
        lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
        awaySince = awaySince == null ? Optional.empty() : awaySince;
        if (failures < 0) {
            throw new IllegalArgumentException("failures: " + failures + " must be >= 0");
        }
    }

    /** Nothing pending for {@code instance}. */
    public static InstanceIntents none(String instance) {
        return new InstanceIntents(instance, false, false, 0, Optional.empty(), Optional.empty());
    }

    /** True when nothing is pending: such a record need not be kept. */
    public boolean isEmpty() {
        return !restart && !replace && failures == 0 && awaySince.isEmpty();
    }

    public InstanceIntents withRestart(boolean r) {
        return new InstanceIntents(instance, r, replace, failures, lastFailure, awaySince);
    }

    public InstanceIntents withReplace(boolean r) {
        return new InstanceIntents(instance, restart, r, failures, lastFailure, awaySince);
    }

    public InstanceIntents withFailure(Instant at) {
        return new InstanceIntents(instance, restart, replace, failures + 1, Optional.of(at), awaySince);
    }

    public InstanceIntents withoutFailures() {
        return new InstanceIntents(instance, restart, replace, 0, Optional.empty(), awaySince);
    }

    public InstanceIntents withAwaySince(Optional<Instant> since) {
        return new InstanceIntents(instance, restart, replace, failures, lastFailure, since);
    }
}
