package dev.berth.core.sdk.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An action a package runs on pod instances one after the other, each instance's part a job of
 * {@link HookJobs} (Cassandra's upgradesstables or cleanup of one node): one instance at a time, so the
 * service loses at most one instance's worth of capacity to it at once; a failed instance is tried again
 * after a pause and holds the instances after it back. Each call of the action's hook goes on from where
 * the jobs stand: it starts the next instance's job, or says what it waits for.
 *
 * <p>Its jobs are keyed {@code ACTION:INSTANCE}; once every instance succeeded they are forgotten, so a
 * later update with the same action runs it afresh.
 */
public final class InstanceByInstance {
    private final HookJobs jobs;
    private final Clock clock;
    private final Duration retryAfter;

    /** @param retryAfter how long a failed instance waits before it is tried again */
    public InstanceByInstance(HookJobs jobs, Clock clock, Duration retryAfter) {
        this.jobs = jobs;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    /**
     * Goes on with {@code action} on {@code instances}: ready once it succeeded on every one.
     *
     * @param workOn  the work on an instance whose turn came, or empty while it cannot start there yet
     * @param notYet  why the action waits for an instance {@code workOn} has no work for
     */
    public Verdict run(String action, List<String> instances, Function<String, Optional<HookJobs.Work>> workOn,
                       Function<String, String> notYet) {
        String prefix = action + ":";
        JobDecision next = next(action, instances, instance -> jobs.state(prefix + instance), clock.instant(), retryAfter);
        switch (next.kind()) {
            case DONE:
                jobs.forgetAll(prefix);
                return Verdict.ready();
            case WAIT:
                return Verdict.waiting(next.message());
            default:
                Optional<HookJobs.Work> work = workOn.apply(next.instance());
                if (work.isEmpty()) {
                    return Verdict.waiting(notYet.apply(next.instance()));
                }
                return jobs.follow(prefix + next.instance(), next, work.get());
        }
    }

    /**
     * Where the action stands, from how its job went on each instance. Pure.
     *
     * @param action     the action's name, for messages ({@code upgradesstables})
     * @param instances  the instances to run it on, in order
     * @param jobs       how the action's job on an instance went
     * @param retryAfter how long a failed instance waits before it is tried again
     */
    public static JobDecision next(String action, List<String> instances, Function<String, JobState> jobs, Instant now,
                                   Duration retryAfter) {
        for (int i = 0; i < instances.size(); i++) {
            String instance = instances.get(i);
            String turn = " (" + (i + 1) + " of " + instances.size() + ")";
            JobDecision decision = JobDecision.of(jobs.apply(instance), instance, action + " on " + instance, turn, now,
                    retryAfter);
            if (decision.kind() != JobDecision.Kind.DONE) {
                return decision;
            }
        }
        return JobDecision.done();
    }
}
