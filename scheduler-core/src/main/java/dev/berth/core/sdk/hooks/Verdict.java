package dev.berth.core.sdk.hooks;

import java.util.Objects;
import java.util.Optional;

/**
 * A package's answer to a question of the scheduler: {@link Ready} (the instance is ready, may stop,
 * rolls in its turn; the action or decommission is done) or {@link Wait} with the reason, which the
 * waiting step shows an SRE.
 */
public sealed interface Verdict {
    /** Go on. */
    record Ready() implements Verdict {
    }

    /** Not yet, and why: what blocks, what is still running, what the database says. */
    record Wait(String reason) implements Verdict {
        public Wait {
            Objects.requireNonNull(reason, "reason");
        }
    }

    Verdict READY = new Ready();

    static Verdict ready() {
        return READY;
    }

    static Verdict waiting(String reason) {
        return new Wait(reason);
    }

    /** {@link #waiting} for the reason when there is one, else {@link #ready}: for checks that name what blocks. */
    static Verdict waitingFor(Optional<String> reason) {
        return reason.map(Verdict::waiting).orElse(READY);
    }

    default boolean isReady() {
        return this instanceof Ready;
    }

    /** The reason to wait; empty when ready. */
    default Optional<String> reasonToWait() {
        return this instanceof Wait w ? Optional.of(w.reason()) : Optional.empty();
    }
}
