package dev.berth.core.sdk.hooks;

import java.time.Instant;
import java.util.Objects;

/**
 * How a long operation a hook started goes (a Cassandra node's upgradesstables, cleanup or decommission,
 * Kafka's partition moves), as {@link HookJobs} last saw it: what it is doing or why it failed, and since
 * when (its start while it runs, its end after).
 */
public record JobState(Phase phase, String text, Instant since) {
    public static final JobState NONE = new JobState(Phase.NONE, "", Instant.EPOCH);

    public JobState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        text = text == null ? "" : text;
    }

    /** Running since {@code since}, doing {@code text}. */
    public static JobState running(String text, Instant since) {
        return new JobState(Phase.RUNNING, text, since);
    }

    /** Finished well at {@code at}, after {@code text}. */
    public static JobState succeeded(String text, Instant at) {
        return new JobState(Phase.SUCCEEDED, text, at);
    }

    /** Failed at {@code at}, for {@code why}. */
    public static JobState failed(String why, Instant at) {
        return new JobState(Phase.FAILED, why, at);
    }

    public enum Phase {
        /** never started, or forgotten once its action was done */
        NONE,
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
