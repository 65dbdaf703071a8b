package dev.berth.cassandra;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.Verdict;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A replaced node is ready only once it has been repaired. Its replacement streamed each range from one
 * other replica, which may lack rows the node it replaces held (a row acknowledged at QUORUM by that node
 * and one other, while the third was down and its hint not yet delivered). Until a repair, such a row has
 * one copy left, and the next lost node can take it. The repair runs once per home: a replace gives the
 * node a new agent, and a restart on the same one keeps its data.
 *
 * <p>Which homes were repaired is kept for the hooks' life only: after a restart of Berth, a replaced
 * node's next readiness check repairs it once more, which costs time but is safe.
 */
final class ReplacementRepairs {
    private final HookJobs jobs;
    private final Duration retryAfter;
    private final Set<String> repaired = ConcurrentHashMap.newKeySet();

    ReplacementRepairs(HookJobs jobs, Duration retryAfter) {
        this.jobs = jobs;
        this.retryAfter = retryAfter;
    }

    /** Ready when {@code node} replaces no other or was repaired in its home; else how its repair goes. */
    Verdict ready(HookContext context, RingNode node) {
        Optional<PodInstanceRecord> home = Optional.ofNullable(context.pods().get(node.instance()));
        if (home.isEmpty() || home.get().replacedIp().isEmpty()) {
            return Verdict.ready();
        }
        String key = key(home.get());
        if (repaired.contains(key)) {
            return Verdict.ready();
        }
        Verdict v = jobs.run(key, "repair of " + node.label() + ", which replaced " + home.get().replacedIp().get(),
                retryAfter, progress -> NodeOperations.repair(node, progress));
        if (v.isReady()) {
            repaired.add(key);
        }
        return v;
    }

    /** {@code repair:node-2@agent-id}: the job of one home of the node. */
    static String key(PodInstanceRecord home) {
        return "repair:" + home.name() + "@" + home.agentId();
    }
}
