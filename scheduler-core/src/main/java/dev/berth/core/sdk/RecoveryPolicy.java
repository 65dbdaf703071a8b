package dev.berth.core.sdk;

import dev.berth.core.protocol.InstanceIntents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed pod instance is relaunched and when a lost one is given up on: each failure of an
 * instance doubles the wait before its next launch (from {@code backoffBase} up to {@code backoffMax}),
 * and an instance whose agent stays away past the permanent-failure timeout is replaced on another
 * agent. Both are forgotten once the instance is complete again. Kept in the service's
 * {@link IntentBook} (counts and timestamps), so a restarted scheduler or a new leader neither forgets a
 * backoff nor starts the permanent-failure clock over. Confined to the service loop.
 */
final class RecoveryPolicy {
    private final ServiceScheduler.Settings settings;
    private final Clock clock;
    private final IntentBook intents;

    RecoveryPolicy(ServiceScheduler.Settings settings, Clock clock, IntentBook intents) {
        this.settings = settings;
        this.clock = clock;
        this.intents = intents;
    }

    /** A task of the instance failed; when it was LOST with its agent, the instance is away from now on. */
    void failed(String instance, boolean lost) {
        Instant now = clock.instant();
        intents.update(instance, i -> {
            InstanceIntents failed = i.withFailure(now);
            return lost && i.awaySince().isEmpty() ? failed.withAwaySince(Optional.of(now)) : failed;
        });
    }

    /** A task of the instance is cut off with its agent: the instance is away from now on, though not failed. */
    void away(String instance) {
        Instant now = clock.instant();
        intents.update(instance, i -> i.awaySince().isPresent() ? i : i.withAwaySince(Optional.of(now)));
    }

    /** A task of the instance was heard from again: its agent is back. */
    void heardFrom(String instance) {
        intents.update(instance, i -> i.withAwaySince(Optional.empty()));
    }

    /** The instance is complete again, or has moved: its failures and absence no longer count. */
    void recovered(String instance) {
        intents.update(instance, i -> i.withoutFailures().withAwaySince(Optional.empty()));
    }

    /** Why the instance may not be launched yet (still in its backoff), or empty when it may. */
    Optional<String> backoff(String instance) {
        InstanceIntents i = intents.of(instance);
        if (i.failures() == 0 || i.lastFailure().isEmpty()) {
            return Optional.empty();
        }
        Instant next = i.lastFailure().get().plus(delay(i.failures()));
        if (!clock.instant().isBefore(next)) {
            return Optional.empty();
        }
        return Optional.of("relaunch after failure " + i.failures() + " in "
                + Duration.between(clock.instant(), next).toSeconds() + "s (backoff)");
    }

    /** True when the instance has been away longer than the permanent-failure timeout: replace it elsewhere. */
    boolean givenUp(String instance) {
        return intents.of(instance).awaySince().map(since -> clock.instant().isAfter(since.plus(settings.permanentFailure())))
                .orElse(false);
    }

    /** The instance left its agent for good (a replace): its absence there no longer counts. */
    void movedAway(String instance) {
        intents.update(instance, i -> i.withAwaySince(Optional.empty()));
    }

    private Duration delay(int failuresSoFar) {
        long ms = settings.backoffBase().toMillis() << Math.min(failuresSoFar - 1, 16);
        return Duration.ofMillis(Math.min(ms, settings.backoffMax().toMillis()));
    }
}
