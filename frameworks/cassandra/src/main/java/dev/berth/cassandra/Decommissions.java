package dev.berth.cassandra;

import dev.berth.core.sdk.hooks.JobDecision;
import dev.berth.core.sdk.hooks.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a node's decommission stands, from its operation mode and the hooks' job that asked for it.
 * The node's mode decides first: it is Cassandra's own record, which outlives a restart of Berth
 * (a LEAVING node goes on streaming whoever asked), while the job only says what this Berth asked. Pure.
 */
final class Decommissions {
    static final String NORMAL = "NORMAL";
    static final String LEAVING = "LEAVING";
    static final String DECOMMISSIONED = "DECOMMISSIONED";
    /** Cassandra 5.0's mode after a decommission that failed midway; asking again resumes it. */
    static final String DECOMMISSION_FAILED = "DECOMMISSION_FAILED";

    private Decommissions() {
    }

    /**
     * @param node       the node to take out
     * @param mode       its StorageService OperationMode, or empty when it did not answer ({@code silence} says why)
     * @param othersNotUp the other nodes not up and normal ({@link RingChecks#othersNotUp}): the leaving
     *                   node's ranges stream to them, so it is not asked to leave while one is missing
     * @param job        the hooks' decommission job on it
     * @param retryAfter how long after a refusal (a keyspace replicated more times than nodes would stay)
     *                   the decommission is asked again, so that it goes on once an operator lowered it
     */
    static JobDecision next(RingNode node, Optional<String> mode, String silence, List<String> othersNotUp, JobState job,
                     Instant now, Duration retryAfter) {
        String who = node.label();
        if (mode.isPresent() && mode.get().equals(DECOMMISSIONED)) {
            return JobDecision.done();
        }
        if (job.phase() == JobState.Phase.RUNNING) {
            return JobDecision.waiting(node.instance(), who + " is leaving the ring (" + mode.orElse("mode unknown: " + silence)
                    + "): its ranges stream to the nodes that take them over; decommission asked "
                    + Duration.between(job.since(), now).toSeconds() + "s ago");
        }
        if (mode.isEmpty()) {
            return JobDecision.waiting(node.instance(), "cannot ask " + who + " how its decommission goes: " + silence);
        }
        if (mode.get().equals(LEAVING)) {
            // asked by an earlier run of Berth: Cassandra carries on with it on its own
            return JobDecision.waiting(node.instance(), who + " is leaving the ring (LEAVING): its ranges stream to the nodes "
                    + "that take them over");
        }
        if (job.phase() == JobState.Phase.FAILED) {
            Instant again = job.since().plus(retryAfter);
            if (now.isBefore(again)) {
                return JobDecision.waiting(node.instance(), "decommission of " + who + " failed: " + job.text()
                        + "; asking again in " + Math.max(1, Duration.between(now, again).toSeconds()) + "s");
            }
        }
        if (mode.get().equals(NORMAL) || mode.get().equals(DECOMMISSION_FAILED)) {
            if (!othersNotUp.isEmpty()) {
                return JobDecision.waiting(node.instance(), "not asking " + who + " to leave the ring while "
                        + String.join(", ", othersNotUp));
            }
            return JobDecision.start(node.instance(), "decommission of " + who + " asked");
        }
        return JobDecision.waiting(node.instance(), who + " is " + mode.get() + "; a node leaves the ring only from NORMAL");
    }
}
