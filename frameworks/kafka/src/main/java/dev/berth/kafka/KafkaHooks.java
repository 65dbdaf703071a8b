package dev.berth.kafka;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.HostPort;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.PodInstanceId;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.TemplateInput;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.Violation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What only Kafka can tell the scheduler: a broker is ready when it is registered, back in sync on
 * every partition it holds and, for a controller, a voter of the metadata quorum (this hook adds it);
 * it may stop when no partition falls under its min.insync.replicas and the quorum keeps a majority;
 * the active controller rolls last. Before a scale-down stops a broker, its replicas move to the brokers
 * that stay and a voter leaves the quorum ({@link BrokerDecommission}); a scale-down below a topic's
 * replication factor is refused on the update request ({@link #invalidUpdate}). The decisions are in pure
 * classes; this class only asks Kafka.
 * It also hands the templates their {@code package.*} values ({@link KafkaTemplateValues}) and runs
 * the steps an update ends with ({@link KafkaActions}).
 */
public class KafkaHooks implements ServiceHooks {
    /** Endpoint names in svc.yaml. */
    static final String BROKER_ENDPOINT = "broker";
    static final String CONTROLLER_ENDPOINT = "controller";
    /** Short: the scheduler waits at most some seconds for a hook, and asks again soon anyway. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String CLIENT_ID = "berth-kafka-hooks";
    /** How often a spread job asks how its partition moves go: as often as the scheduler asks the hooks. */
    static final Duration SPREAD_POLL = Duration.ofSeconds(2);
    /**
     * How long a failed spread job waits before it starts again: brokers that did not answer, or a move
     * Kafka refused, are asked again soon but not at every call.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** The service's long operations; one hooks instance serves one service for its scheduler's life. */
    private final HookJobs jobs;
    /** The clients every question of the service goes through, kept between questions; closed with the hooks. */
    private final SharedAdmin brokers = new SharedAdmin(b -> KafkaAdmins.brokers(b, TIMEOUT, CLIENT_ID));
    private final SharedAdmin controllers = new SharedAdmin(c -> KafkaAdmins.controllers(c, TIMEOUT, CLIENT_ID));
    /** Scale-down: the leaving brokers' replicas move away, then they leave the quorum if they vote. */
    private final BrokerDecommission decommissions;

    public KafkaHooks() {
        this(Clock.systemUTC());
    }

    KafkaHooks(Clock clock) {
        this.jobs = new HookJobs(clock, "kafka");
        this.decommissions = new BrokerDecommission(jobs, brokers, controllers, clock);
    }

    @Override
    public Verdict ready(HookContext context, String podInstance) {
        int id = brokerId(podInstance);
        KafkaBootstrap bootstrap = brokerBootstrap(context);
        try {
            if (!brokers.ask(bootstrap, a -> new ClusterReader(a, TIMEOUT).brokerIds()).contains(id)) {
                return Verdict.waiting("broker " + id + " is not registered with the controllers yet");
            }
            if (layout(context, podInstance).isController(id)) {
                Verdict quorum = joinQuorum(context, podInstance, id);
                if (!quorum.isReady()) {
                    return quorum;
                }
            }
            return Verdict.waitingFor(InSyncCheck.notInSync(id, brokers.ask(bootstrap,
                    a -> new ClusterReader(a, TIMEOUT).partitions())));
        } catch (TimeoutException e) {
            return Verdict.waiting(noAnswer("brokers", bootstrap));
        }
    }

    /** Makes a controller instance a voter (adding it, or replacing its stale self first); ready once it is. */
    private Verdict joinQuorum(HookContext context, String podInstance, int id) {
        KafkaBootstrap bootstrap = controllerBootstrap(context, podInstance);
        try {
            return controllers.ask(bootstrap, admin -> {
                VoterChange change = QuorumMembership.next(new ClusterReader(admin, TIMEOUT).quorum(), id);
                if (change.kind() == VoterChange.Kind.ADD || change.kind() == VoterChange.Kind.REPLACE) {
                    HostPort address = context.address(podInstance, CONTROLLER_ENDPOINT).orElseThrow(() ->
                            new IllegalStateException(podInstance + " has no '" + CONTROLLER_ENDPOINT + "' endpoint to join the quorum with"));
                    return Verdict.waitingFor(VoterChanges.apply(admin, TIMEOUT, id, change, address));
                }
                return Verdict.waitingFor(change.reason());
            });
        } catch (TimeoutException e) {
            return Verdict.waiting(noAnswer("controllers", bootstrap));
        }
    }

    @Override
    public Verdict mayStop(HookContext context, String podInstance) {
        int id = brokerId(podInstance);
        if (layout(context, podInstance).brokers() == 1) {
            // a single broker cannot roll without downtime; refusing forever would only leave the update stuck
            return Verdict.ready();
        }
        KafkaBootstrap bootstrap = brokerBootstrap(context);
        try {
            Optional<String> isr = brokers.ask(bootstrap, admin -> {
                ClusterReader cluster = new ClusterReader(admin, TIMEOUT);
                List<PartitionState> partitions = cluster.partitions();
                Set<String> topics = partitions.stream().filter(p -> p.isr().contains(id)).map(PartitionState::topic)
                        .collect(Collectors.toSet());
                return MinIsrCheck.stopBlocked(id, partitions, cluster.minInsyncReplicas(topics, id));
            });
            if (isr.isPresent()) {
                return Verdict.waiting(isr.get());
            }
        } catch (TimeoutException e) {
            return Verdict.waiting(noAnswer("brokers", bootstrap));
        }
        if (!layout(context, podInstance).isController(id)) {
            return Verdict.ready();
        }
        KafkaBootstrap quorum = controllerBootstrap(context, podInstance);
        try {
            return Verdict.waitingFor(QuorumMajorityCheck.stopBlocked(
                    controllers.ask(quorum, a -> new ClusterReader(a, TIMEOUT).quorum()), id));
        } catch (TimeoutException e) {
            return Verdict.waiting(noAnswer("controllers", quorum));
        }
    }

    /**
     * The active controller rolls after the other brokers, so that controller leadership moves once per
     * rolling update instead of with every controller that restarts.
     */
    @Override
    public Verdict rollsInTurn(HookContext context, String podInstance) {
        int id = brokerId(podInstance);
        if (!layout(context, podInstance).isController(id)) {
            return Verdict.ready();
        }
        try {
            return controllers.ask(controllerBootstrap(context, podInstance), a -> new ClusterReader(a, TIMEOUT).quorum())
                    .leaderId() == id
                    ? Verdict.waiting("broker " + id + " is the active controller")
                    : Verdict.ready();
        } catch (TimeoutException e) {
            // The order only saves leader elections; safety is the stop check's. Not knowing the leader,
            // roll in turn rather than push every controller to the end.
            return Verdict.ready();
        }
    }

    @Override
    public List<Violation> invalidOptions(Map<String, Object> options, Optional<Map<String, Object>> current) {
        return KafkaOptionRules.check(options, current);
    }

    /**
     * A scale-down below a topic's replication factor is refused with the update request itself, since
     * that is where an operator looks; the decommission checks again (a topic may be created in between,
     * or the brokers may not have answered here).
     */
    @Override
    public List<Violation> invalidUpdate(HookContext current, Map<String, Object> next) {
        int was = ScaleDownRules.count(current.target().options(), 0);
        int now = ScaleDownRules.count(next, was);
        if (now >= was) {
            return List.of();
        }
        KafkaBootstrap bootstrap = brokerBootstrap(current);
        return ScaleDownRules.keepsReplicas(was, now, brokers.ask(bootstrap, a -> new ClusterReader(a, TIMEOUT).replicationFactors()));
    }

    /** Moves the leaving broker's replicas to the others and takes it out of the quorum (see {@link BrokerDecommission}). */
    @Override
    public Verdict decommission(HookContext context, String podInstance) {
        return decommissions.decommission(context, podInstance);
    }

    @Override
    public Map<String, Object> templateValues(TemplateInput context) {
        return KafkaTemplateValues.of(context);
    }

    @Override
    public List<PackageAction> updateActions(Map<String, Object> before, Map<String, Object> after) {
        return KafkaActions.after(before, after);
    }

    /**
     * finalize-metadata is one quick exchange with the controllers, asked on each call until the level is
     * there. spread-partitions lasts as long as the moved partitions' data takes to copy: it runs as a job
     * ({@link HookJobs}) that asks for the moves and watches them, and each call reports how it goes.
     */
    @Override
    public Verdict runAction(HookContext context, String action) {
        KafkaBootstrap bootstrap = brokerBootstrap(context);
        switch (action) {
            case KafkaActions.FINALIZE:
                try {
                    return Verdict.waitingFor(brokers.ask(bootstrap, a -> KafkaActions.finalizeMetadata(a, TIMEOUT)));
                } catch (TimeoutException e) {
                    return Verdict.waiting(noAnswer("brokers", bootstrap));
                }
            case KafkaActions.SPREAD:
                return jobs.run(KafkaActions.SPREAD, KafkaActions.SPREAD, RETRY_AFTER, spreadPartitions(bootstrap));
            default:
                throw new IllegalArgumentException("the kafka package has no action '" + action + "'");
        }
    }

    /** The service is uninstalled or its scheduler stops: its clients go, with their network threads. */
    @Override
    public void close() {
        brokers.close();
        controllers.close();
    }

    /**
     * Asks for the partition moves of {@link KafkaActions#spreadPartitions} and watches them until every
     * partition is where it belongs, on one Admin of its own for the job's life, closed at the end.
     */
    private static HookJobs.Work spreadPartitions(KafkaBootstrap brokers) {
        return progress -> {
            try (Admin admin = KafkaAdmins.brokers(brokers, TIMEOUT, CLIENT_ID)) {
                HookJobs.repeat(() -> KafkaActions.spreadPartitions(admin, TIMEOUT), SPREAD_POLL).run(progress);
            } catch (TimeoutException e) {
                throw new TimeoutException(noAnswer("brokers", brokers), e);
            }
        };
    }

    /** The node id is the pod index (server.properties sets {@code node.id={{pod.index}}}). */
    static int brokerId(String podInstance) {
        return PodInstanceId.of(podInstance).index();
    }

    /** The brokers' pod (all brokers are instances of one pod type, {@code broker}). */
    private static PodSpec pod(HookContext context, String podInstance) {
        String type = PodInstanceId.of(podInstance).podType();
        return context.target().spec().pod(type).orElseThrow(() ->
                new IllegalStateException("the service has no pod '" + type + "' for " + podInstance));
    }

    private static KafkaLayout layout(HookContext context, String podInstance) {
        return KafkaLayout.of(context.target().options(), pod(context, podInstance).count());
    }

    static KafkaBootstrap brokerBootstrap(HookContext context) {
        List<String> brokers = context.endpoints().addresses().getOrDefault(BROKER_ENDPOINT, List.of());
        if (brokers.isEmpty()) {
            throw new IllegalStateException("the service has no '" + BROKER_ENDPOINT + "' endpoint yet");
        }
        return new KafkaBootstrap(String.join(",", brokers), context.trustedCa());
    }

    /** The controller listeners of the controller instances (the others reserve the port but do not listen on it). */
    static KafkaBootstrap controllerBootstrap(HookContext context, String podInstance) {
        PodSpec pod = pod(context, podInstance);
        String controllers = layout(context, podInstance).controllerIndexes()
                .mapToObj(i -> context.address(pod.instanceName(i), CONTROLLER_ENDPOINT))
                .flatMap(Optional::stream).map(HostPort::toString).collect(Collectors.joining(","));
        if (controllers.isEmpty()) {
            throw new IllegalStateException("no controller instance has a '" + CONTROLLER_ENDPOINT + "' endpoint yet");
        }
        return new KafkaBootstrap(controllers, context.trustedCa());
    }

    static String noAnswer(String who, KafkaBootstrap bootstrap) {
        return "the " + who + " at " + bootstrap + " did not answer within " + TIMEOUT.toSeconds() + "s";
    }
}
