package dev.berth.core.runtime;

import java.time.Duration;

/**
 * How long a master whose takeover failed stays out of the election before it joins again: {@code first}
 * after one failure, doubling with each failure in a row, never more than {@code max}. Out of the election,
 * it leaves the lead to a healthy master; alone, it retries slowly enough that its log stays readable.
 */
public record TakeoverBackoff(Duration first, Duration max) {
    public TakeoverBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("takeover backoff: first " + first + " must be positive and max "
                    + max + " at least first");
        }
    }

    /** 2 s, then 4, 8, 16, 30 s: a peer waiting in the election takes over within milliseconds of our leaving. */
    public static TakeoverBackoff defaults() {
        return new TakeoverBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /** The wait after {@code failures} (1 or more) failed takeovers in a row. */
    public Duration after(int failures) {
        Duration wait = first;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
