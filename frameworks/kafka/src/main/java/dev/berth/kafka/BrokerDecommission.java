package dev.berth.kafka;

import dev.berth.core.pkg.OptionRules;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.JobDecision;
import dev.berth.core.sdk.hooks.JobState;
import dev.berth.core.sdk.hooks.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Takes a broker out before a scale-down stops it and destroys its volume: its partition replicas move to
 * the brokers that stay ({@link DrainPlan}) by reassignment, throttled when {@code brokers.reassignment_throttle}
 * says so ({@link ReplicationThrottle}), and once no replica is left on it and no reassignment runs, the
 * throttle goes and, were it a voter, it leaves the controller quorum. Ready only then.
 *
 * <p>The moves last as long as their data takes to copy, so a job ({@link HookJobs}) asks for them and
 * watches them while each hook call reports how it goes. Every decision rests on what Kafka shows (where
 * the replicas are, which reassignments run, who votes), so asking again after a restart of Berth, or after
 * a topic was created meanwhile, carries on from where the cluster is.
 */
final class BrokerDecommission {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BrokerDecommission.class);
    private static final String WHAT = "moving the partition replicas off ";

    private final HookJobs jobs;
    private final SharedAdmin brokers;
    private final SharedAdmin controllers;
    private final Clock clock;

    BrokerDecommission(HookJobs jobs, SharedAdmin brokers, SharedAdmin controllers, Clock clock) {
        this.jobs = jobs;
        this.brokers = brokers;
        this.controllers = controllers;
        this.clock = clock;
    }

    Verdict decommission(HookContext context, String podInstance) {
        int id = KafkaHooks.brokerId(podInstance);
        String key = "decommission:" + podInstance;
        JobState job = jobs.state(key);
        if (job.phase() == JobState.Phase.RUNNING) {
            return Verdict.waiting(decision(job, podInstance).message());
        }
        KafkaBootstrap bootstrap = KafkaHooks.brokerBootstrap(context);
        int count = ScaleDownRules.count(context.target().options(), 0);
        Set<Integer> remaining = IntStream.range(0, count).boxed().collect(Collectors.toSet());
        long throttle = throttle(context.target().options());
        Optional<Verdict> moving;
        try {
            moving = brokers.ask(bootstrap, admin -> {
                ClusterReader cluster = new ClusterReader(admin, KafkaHooks.TIMEOUT);
                List<BrokerNode> registered = cluster.brokers();
                Set<Integer> leaving = leaving(id, count, registered);
                List<PartitionState> partitions = cluster.partitions();
                DrainPlan.Next next = DrainPlan.next(leaving, remaining, registered, partitions, cluster.reassigning(), 0,
                        podInstance);
                switch (next.kind()) {
                    case DRAINED:
                        if (throttle > 0) {
                            ReplicationThrottle.clear(admin, KafkaHooks.TIMEOUT, registered.stream().map(BrokerNode::id).toList(),
                                    partitions.stream().map(PartitionState::topic).distinct().toList());
                        }
                        jobs.forget(key);
                        return Optional.empty();
                    case WAIT:
                        return Optional.of(Verdict.waiting(next.reason()));
                    default:
                        return Optional.of(startOrFollow(key, podInstance, next,
                                drain(bootstrap, leaving, remaining, throttle, podInstance)));
                }
            });
        } catch (TimeoutException e) {
            return Verdict.waiting(KafkaHooks.noAnswer("brokers", bootstrap));
        }
        return moving.orElseGet(() -> leaveQuorum(context, podInstance, id));
    }

    /** Starts the moves' job (again, after it finished while moves remain, or failed a while ago) or reports it. */
    private Verdict startOrFollow(String key, String podInstance, DrainPlan.Next next, HookJobs.Work work) {
        if (jobs.state(key).phase() == JobState.Phase.SUCCEEDED) {
            jobs.forget(key); // it finished, yet replicas remain (a topic created since): a new job moves them
        }
        JobDecision decision = decision(jobs.state(key), podInstance);
        Verdict v = jobs.follow(key, decision, work);
        if (decision.kind() == JobDecision.Kind.START) {
            // the step shows how the moves go while they last; the log keeps that they began, and how many
            LOG.infof("decommissioning %s: %s", podInstance, next.reason());
            return Verdict.waiting(next.reason());
        }
        return v;
    }

    private JobDecision decision(JobState job, String podInstance) {
        return JobDecision.of(job, podInstance, WHAT + podInstance, "", clock.instant(), KafkaHooks.RETRY_AFTER);
    }

    /** The last step: a leaving voter leaves the controller quorum (a broker only is none, and ready at once). */
    private Verdict leaveQuorum(HookContext context, String podInstance, int id) {
        KafkaBootstrap quorum = KafkaHooks.controllerBootstrap(context, podInstance);
        try {
            return Verdict.waitingFor(controllers.ask(quorum, admin -> VoterChanges.leave(admin, KafkaHooks.TIMEOUT, id,
                    QuorumMembership.leave(new ClusterReader(admin, KafkaHooks.TIMEOUT).quorum(), id))));
        } catch (TimeoutException e) {
            return Verdict.waiting(KafkaHooks.noAnswer("controllers", quorum));
        }
    }

    /**
     * The job: asks for the moves and watches them until the leaving brokers hold nothing, on an Admin of its
     * own for its life; the total of replicas to move is what they held when it began.
     */
    private static HookJobs.Work drain(KafkaBootstrap bootstrap, Set<Integer> leaving, Set<Integer> remaining, long throttle, String who) {
        return progress -> {
            long[] total = {0};
            try (Admin admin = KafkaAdmins.brokers(bootstrap, KafkaHooks.TIMEOUT, KafkaHooks.CLIENT_ID)) {
                HookJobs.repeat(() -> {
                    ClusterReader cluster = new ClusterReader(admin, KafkaHooks.TIMEOUT);
                    List<PartitionState> partitions = cluster.partitions();
                    total[0] = Math.max(total[0], DrainPlan.replicasOn(leaving, partitions));
                    DrainPlan.Next next = DrainPlan.next(leaving, remaining, cluster.brokers(), partitions, cluster.reassigning(),
                            total[0], who);
                    if (next.kind() == DrainPlan.Next.Kind.DRAINED) {
                        return Optional.empty();
                    }
                    if (next.kind() == DrainPlan.Next.Kind.MOVE) {
                        move(admin, throttle, next.moves());
                    }
                    return Optional.of(next.reason());
                }, KafkaHooks.SPREAD_POLL).run(progress);
            } catch (TimeoutException e) {
                throw new TimeoutException(KafkaHooks.noAnswer("brokers", bootstrap), e);
            }
        };
    }

    private static void move(Admin admin, long throttle, Map<PartitionState, List<Integer>> moves) {
        if (throttle > 0) {
            ReplicationThrottle.apply(admin, KafkaHooks.TIMEOUT, throttle, moves);
        }
        Map<TopicPartition, Optional<NewPartitionReassignment>> asked = new HashMap<>();
        moves.forEach((p, replicas) -> asked.put(new TopicPartition(p.topic(), p.partition()),
                Optional.of(new NewPartitionReassignment(replicas))));
        KafkaAdmins.await(admin.alterPartitionReassignments(asked).all(), KafkaHooks.TIMEOUT);
    }

    /**
     * The brokers that leave: this one and every registered broker at or above the new count (a scale-down
     * by two drains both at the first, so the second finds nothing left to move and no replica goes twice).
     */
    static Set<Integer> leaving(int id, int count, List<BrokerNode> registered) {
        Set<Integer> out = registered.stream().map(BrokerNode::id).filter(b -> b >= count).collect(Collectors.toSet());
        out.add(id);
        return out;
    }

    /** {@code brokers.reassignment_throttle} in bytes/s; 0 (none) when missing. */
    static long throttle(Map<String, Object> options) {
        return OptionRules.number(options.get(ReplicationThrottle.OPTION)).orElse(0L);
    }
}
