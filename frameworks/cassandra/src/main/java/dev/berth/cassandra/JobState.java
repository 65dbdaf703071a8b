package dev.berth.cassandra;

import java.time.Instant;
import java.util.Objects;

/**
 * How a long operation on a node (upgradesstables, cleanup, decommission) goes, as {@link NodeJobs}
 * last saw it: what it is doing or why it failed, and since when (its start while it runs, its end after).
 */
record JobState(Phase phase, String text, Instant since) {
    static final JobState NONE = new JobState(Phase.NONE, "", Instant.EPOCH);

    JobState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        text = text == null ? "" : text;
    }

    enum Phase {
        /** never started, or forgotten once its action was done */
        NONE,
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
