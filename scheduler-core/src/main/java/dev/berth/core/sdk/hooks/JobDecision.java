package dev.berth.core.sdk.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a hook does next about a long operation: nothing more ({@code DONE}), wait and say why
 * ({@code WAIT}), or start it on a pod instance ({@code START}, the message saying what starts).
 * {@link HookJobs#follow} carries it out.
 */
public record JobDecision(Kind kind, String instance, String message) {
    public enum Kind {
        DONE, WAIT, START
    }

    public JobDecision {
        Objects.requireNonNull(kind, "kind");
        instance = instance == null ? "" : instance;
        message = message == null ? "" : message;
    }

    public static JobDecision done() {
        return new JobDecision(Kind.DONE, "", "");
    }

    public static JobDecision waiting(String instance, String why) {
        return new JobDecision(Kind.WAIT, instance, why);
    }

    public static JobDecision start(String instance, String what) {
        return new JobDecision(Kind.START, instance, what);
    }

    /**
     * Where one job stands from its state: done once it succeeded; while it runs, what it reports and for
     * how long; after a failure, why, and a pause of {@code retryAfter} before it starts again (long enough
     * not to hammer what refused, short enough to go on soon after an operator fixed the cause).
     *
     * @param instance the pod instance it runs on, or empty text for one of the whole service
     * @param what     what it is, for messages ({@code cleanup on node-1})
     * @param turn     said after {@code what} and after the job's own progress ({@code " (2 of 3)"}), or empty text
     */
    public static JobDecision of(JobState job, String instance, String what, String turn, Instant now, Duration retryAfter) {
        switch (job.phase()) {
            case SUCCEEDED:
                return done();
            case RUNNING:
                return waiting(instance, job.text() + turn + ", for " + Duration.between(job.since(), now).toSeconds() + "s");
            case FAILED:
                Instant again = job.since().plus(retryAfter);
                if (now.isBefore(again)) {
                    return waiting(instance, what + turn + " failed: " + job.text() + "; trying again in "
                            + Math.max(1, Duration.between(now, again).toSeconds()) + "s");
                }
                return start(instance, what + turn + " again after: " + job.text());
            default:
                return start(instance, what + turn + " starting");
        }
    }
}
