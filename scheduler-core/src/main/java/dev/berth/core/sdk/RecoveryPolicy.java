package dev.berth.core.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a failed pod instance is relaunched and when a lost one is given up on: each failure of an
 * instance doubles the wait before its next launch (from {@code backoffBase} up to {@code backoffMax}),
 * and an instance whose agent stays away past the permanent-failure timeout is replaced on another
 * agent. Both are forgotten once the instance is complete again. Confined to the service loop; kept in
 * memory (a restarted scheduler starts counting afresh).
 */
final class RecoveryPolicy {
    private record Failure(int count, Instant last) {
    }

    private final ServiceScheduler.Settings settings;
    private final Clock clock;
    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Instant> awaySince = new HashMap<>();

    RecoveryPolicy(ServiceScheduler.Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A task of the instance failed; when it was LOST with its agent, the instance is away from now on. */
    void failed(String instance, boolean lost) {
        Failure before = failures.get(instance);
        failures.put(instance, new Failure(before == null ? 1 : before.count() + 1, clock.instant()));
        if (lost) {
            awaySince.putIfAbsent(instance, clock.instant());
        }
    }

    /** A task of the instance is cut off with its agent: the instance is away from now on, though not failed. */
    void away(String instance) {
        awaySince.putIfAbsent(instance, clock.instant());
    }

    /** A task of the instance was heard from again: its agent is back. */
    void heardFrom(String instance) {
        awaySince.remove(instance);
    }

    /** The instance is complete again, or has moved: its failures and absence no longer count. */
    void recovered(String instance) {
        failures.remove(instance);
        awaySince.remove(instance);
    }

    /** Why the instance may not be launched yet (still in its backoff), or empty when it may. */
    Optional<String> backoff(String instance) {
        Failure f = failures.get(instance);
        if (f == null) {
            return Optional.empty();
        }
        Instant next = f.last().plus(delay(f.count()));
        if (!clock.instant().isBefore(next)) {
            return Optional.empty();
        }
        return Optional.of("relaunch after failure " + f.count() + " in "
                + Duration.between(clock.instant(), next).toSeconds() + "s (backoff)");
    }

    /** True when the instance has been away longer than the permanent-failure timeout: replace it elsewhere. */
    boolean givenUp(String instance) {
        Instant since = awaySince.get(instance);
        return since != null && clock.instant().isAfter(since.plus(settings.permanentFailure()));
    }

    /** The instance left its agent for good (a replace): its absence there no longer counts. */
    void movedAway(String instance) {
        awaySince.remove(instance);
    }

    private Duration delay(int failuresSoFar) {
        long ms = settings.backoffBase().toMillis() << Math.min(failuresSoFar - 1, 16);
        return Duration.ofMillis(Math.min(ms, settings.backoffMax().toMillis()));
    }
}
