package dev.berth.cassandra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Where an action run on one node after the other stands (upgradesstables, cleanup), from how its job
 * went on each: one node at a time, so that the ring loses at most one node's worth of compaction
 * capacity at once; a failed node is tried again after a pause and holds the nodes after it back. Pure.
 */
final class NodeByNode {
    private NodeByNode() {
    }

    /**
     * @param action     the action's name, for messages ({@code upgradesstables})
     * @param instances  the instances to run it on, in order
     * @param jobs       how the action's job on an instance went
     * @param retryAfter how long a failed node waits before it is tried again
     */
    static Next next(String action, List<String> instances, Function<String, JobState> jobs, Instant now,
                     Duration retryAfter) {
        for (int i = 0; i < instances.size(); i++) {
            String instance = instances.get(i);
            String turn = " (" + (i + 1) + " of " + instances.size() + ")";
            JobState job = jobs.apply(instance);
            switch (job.phase()) {
                case SUCCEEDED:
                    continue;
                case RUNNING:
                    return Next.waiting(instance, job.text() + turn + ", for "
                            + Duration.between(job.since(), now).toSeconds() + "s");
                case FAILED:
                    Instant again = job.since().plus(retryAfter);
                    if (now.isBefore(again)) {
                        return Next.waiting(instance, action + " on " + instance + turn + " failed: " + job.text()
                                + "; trying again in " + Math.max(1, Duration.between(now, again).toSeconds()) + "s");
                    }
                    return Next.start(instance, action + " on " + instance + turn + " again after: " + job.text());
                default:
                    return Next.start(instance, action + " on " + instance + turn + " starting");
            }
        }
        return Next.done();
    }
}
