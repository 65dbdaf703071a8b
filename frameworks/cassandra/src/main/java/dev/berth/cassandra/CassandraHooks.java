package dev.berth.cassandra;

import dev.berth.cassandra.backup.BackupCatalog;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.HookJobs;
import dev.berth.core.sdk.hooks.InstanceByInstance;
import dev.berth.core.sdk.hooks.JobDecision;
import dev.berth.core.sdk.hooks.PackageAction;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.TemplateInput;
import dev.berth.core.sdk.hooks.Verdict;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.Violation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What only Cassandra can tell the scheduler, asked over JMX: a node is ready when it is NORMAL and
 * up in its own view and in another node's (a seed first), and, when it replaced another, once it has
 * been repaired ({@link ReplacementRepairs}); a node may stop only while every other node is up and
 * normal. The decisions are {@link RingChecks}'; this class only finds the nodes and reads their views. It also checks options ({@link CassandraOptionRules}), gives the templates their
 * {@code package.*} values ({@link CassandraTemplateValues}), runs the steps an update ends with
 * ({@link CassandraActions}: upgradesstables, cleanup) node by node, decommissions a node a
 * scale-down removes, and ends the deploy by replacing the default superuser ({@link SuperuserSetup}). Those
 * last for minutes: they run as {@link HookJobs} that each call asks about.
 */
public class CassandraHooks implements ServiceHooks {
    /** Short: the scheduler waits for a hook only some seconds, and asks again soon anyway. */
    static final Duration TIMEOUT = Duration.ofSeconds(4);
    /** A CQL login and a role statement: longer than a JMX read, role changes wait for a quorum. */
    static final Duration CQL_TIMEOUT = Duration.ofSeconds(10);
    /** The pod of the nodes in svc.yaml. */
    static final String POD = "node";
    /**
     * How long a failed operation waits before it is asked again: long enough not to hammer a node that
     * refuses (a decommission below a keyspace's replication factor), short enough to go on soon after
     * an operator fixed the cause.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(20);

    /** The service's long operations; one hooks instance serves one service for its scheduler's life. */
    private final HookJobs jobs;
    /** upgradesstables and cleanup: node after node, each a job of {@link #jobs}. */
    private final InstanceByInstance nodeByNode;
    /** A replaced node's repair before it counts as ready. */
    private final ReplacementRepairs repairs;
    /** One JMX connection per node for the ring reads, kept between questions. */
    private final JmxSessions sessions = new JmxSessions();
    private final Clock clock;

    public CassandraHooks() {
        this(Clock.systemUTC());
    }

    CassandraHooks(Clock clock) {
        this.clock = clock;
        this.jobs = new HookJobs(clock, "cassandra", JmxFailures::reason);
        this.nodeByNode = new InstanceByInstance(jobs, clock, RETRY_AFTER);
        this.repairs = new ReplacementRepairs(jobs, RETRY_AFTER);
    }

    @Override
    public Verdict ready(HookContext context, String podInstance) {
        List<RingNode> nodes = RingNodes.of(context);
        Optional<RingNode> node = nodes.stream().filter(n -> n.instance().equals(podInstance)).findFirst();
        if (node.isEmpty()) {
            return Verdict.waiting(podInstance + " has no home with a JMX port yet");
        }
        RingView own;
        try {
            own = sessions.read(node.get(), TIMEOUT);
        } catch (IOException e) {
            return Verdict.waiting(e.getMessage());
        }
        // the seeds lead the list; a node Berth knows to be down is asked last
        List<RingNode> others = nodes.stream().filter(n -> !n.instance().equals(podInstance))
                .sorted(Comparator.comparing((RingNode n) -> n.trouble().isPresent())).toList();
        Optional<RingChecks.Peer> peer = Optional.empty();
        List<String> silent = new ArrayList<>();
        for (RingNode other : others) {
            try {
                peer = Optional.of(new RingChecks.Peer(other, sessions.read(other, TIMEOUT)));
                break;
            } catch (IOException e) {
                silent.add(other.label());
            }
        }
        if (peer.isEmpty() && !others.isEmpty()) {
            return Verdict.waiting("no other node answers JMX to confirm it sees " + node.get().label() + ": "
                    + String.join(", ", silent));
        }
        Optional<String> notReady = RingChecks.notReady(node.get(), own, peer);
        if (notReady.isPresent()) {
            return Verdict.waiting(notReady.get());
        }
        return repairs.ready(context, node.get());
    }

    @Override
    public Verdict mayStop(HookContext context, String podInstance) {
        List<RingNode> nodes = RingNodes.of(context);
        Optional<RingNode> stopping = nodes.stream().filter(n -> n.instance().equals(podInstance)).findFirst();
        if (stopping.isEmpty()) {
            return Verdict.ready(); // nowhere to stop it
        }
        // The node's own view first, else any other node's: the question is about the others.
        List<RingNode> askOrder = new ArrayList<>();
        askOrder.add(stopping.get());
        nodes.stream().filter(n -> n != stopping.get()).sorted(Comparator.comparing((RingNode n) -> n.trouble().isPresent()))
                .forEach(askOrder::add);
        for (RingNode asked : askOrder) {
            try {
                RingChecks.Peer seen = new RingChecks.Peer(asked, sessions.read(asked, TIMEOUT));
                return Verdict.waitingFor(RingChecks.stopBlocked(stopping.get(), Optional.of(seen), nodes));
            } catch (IOException e) {
                // ask the next one
            }
        }
        // No node answers JMX: what Berth knows of the tasks decides alone. A ring none of whose nodes
        // answers serves nothing a stop could take away, and a blocked stop would keep a fix (a new
        // config) from rolling; each relaunched node must still be ready before the next stops.
        return Verdict.waitingFor(RingChecks.stopBlocked(stopping.get(), Optional.empty(), nodes));
    }

    @Override
    public List<Violation> invalidOptions(Map<String, Object> options, Optional<Map<String, Object>> current) {
        return CassandraOptionRules.check(options, current);
    }

    @Override
    public Map<String, Object> templateValues(TemplateInput context) {
        return CassandraTemplateValues.of(context);
    }

    @Override
    public List<PackageAction> updateActions(Map<String, Object> before, Map<String, Object> after) {
        return CassandraActions.after(before, after);
    }

    @Override
    public List<PackageAction> deployActions(Map<String, Object> options) {
        if (!Boolean.TRUE.equals(options.get(CassandraOptionRules.AUTHENTICATION))) {
            return List.of();
        }
        return List.of(new PackageAction(SuperuserSetup.ACTION, "create superuser role " + options.get(CassandraOptionRules.SUPERUSER)
                + " with the service's password and drop Cassandra's default role cassandra", false));
    }

    @Override
    public Verdict runAction(HookContext context, String action) throws Exception {
        if (action.equals(SuperuserSetup.ACTION)) {
            return superuser(context);
        }
        int count = nodeCount(context);
        if (action.equals(Restores.SCHEMA_ACTION)) {
            String source = Restores.source(context, context.parameters());
            return jobs.run(action + ":" + source, action + " of backup " + source, RETRY_AFTER,
                    progress -> Restores.applySchema(context, context.parameters(), progress));
        }
        if (action.equals(BackupManifests.ACTION)) {
            // a job per backup: a second backup under another name is not the first one's job finished
            String name = context.parameters().getOrDefault(BackupManifests.NAME, "");
            return jobs.run(action + ":" + name, action + " of backup " + name, RETRY_AFTER,
                    progress -> BackupManifests.write(context, count, clock, progress));
        }
        if (action.equals(CassandraActions.UPGRADE)) {
            return nodeByNode(context, action, count, NodeOperations::upgradeSSTables);
        }
        OptionalInt cleanup = CassandraActions.cleanupCount(action);
        if (cleanup.isPresent()) {
            // nodes scaled away since are not cleaned (they have left)
            return nodeByNode(context, action, Math.min(cleanup.getAsInt(), count), NodeOperations::cleanup);
        }
        throw new IllegalArgumentException("the cassandra package has no action '" + action + "'");
    }

    /** A restore starts only when its backup fits the ring as it is now ({@link Restores#refusals}). */
    @Override
    public List<String> refuseStart(HookContext context, String plan, Map<String, String> parameters) throws Exception {
        return plan.equals(Restores.PLAN) ? Restores.refusals(context, parameters) : List.of();
    }

    /** {@code backups}: every backup of the service in its store; {@code backups/NAME}: that backup's manifest. */
    @Override
    public Optional<Object> read(HookContext context, String resource, Optional<String> item) throws Exception {
        if (!resource.equals("backups")) {
            return Optional.empty();
        }
        try (BackupStore store = BackupManifests.store(context)) {
            BackupCatalog catalog = new BackupCatalog(store, context.target().spec().name());
            return item.isEmpty() ? Optional.of(catalog.list()) : catalog.manifest(item.get()).map(m -> m);
        }
    }

    /** One step of {@link SuperuserSetup} over CQL on the service's nodes. */
    private static Verdict superuser(HookContext context) {
        String contactPoints = CqlSessions.contactPoints(context);
        if (contactPoints.isEmpty()) {
            return Verdict.waiting("waiting for nodes with a " + CqlSessions.NATIVE_CLIENT + " endpoint");
        }
        Login superuser = Login.of(context).orElseThrow(() -> new IllegalStateException(
                SuperuserSetup.ACTION + " runs only with cassandra.authentication on"));
        String datacenter = String.valueOf(context.target().options().get(CassandraOptionRules.DATACENTER));
        return Verdict.waitingFor(SuperuserSetup.next(CqlSessions.forSetup(contactPoints, datacenter, context.trustedCa(),
                CQL_TIMEOUT), superuser));
    }

    /** Runs {@code work} on node-0 to node-(count-1), one after the other; ready once every one succeeded. */
    private Verdict nodeByNode(HookContext context, String action, int count, NodeWork work) {
        PodSpec pod = context.target().spec().pod(POD).orElseThrow(() ->
                new IllegalStateException("the service has no pod '" + POD + "'"));
        List<String> instances = IntStream.range(0, count).mapToObj(pod::instanceName).toList();
        return nodeByNode.run(action, instances,
                instance -> RingNodes.find(context, instance).map(node -> progress -> work.run(node, progress)),
                instance -> action + " waits for " + instance + " to have a home with a JMX port");
    }

    /**
     * Asks the node to leave the ring (Cassandra's decommission: it streams its ranges to the nodes that
     * take them over) and reports how it goes; ready once it is DECOMMISSIONED, and only then does Berth
     * stop it and destroy its volume.
     */
    @Override
    public Verdict decommission(HookContext context, String podInstance) {
        Optional<RingNode> node = RingNodes.find(context, podInstance);
        if (node.isEmpty()) {
            return Verdict.waiting(podInstance + " has no home with a JMX port to ask it to leave the ring");
        }
        String key = "decommission:" + podInstance;
        Optional<RingView> view;
        String silence = "";
        try {
            view = Optional.of(sessions.read(node.get(), TIMEOUT));
        } catch (IOException e) {
            view = Optional.empty();
            silence = e.getMessage();
        }
        List<String> othersNotUp = RingChecks.othersNotUp(node.get(),
                view.map(v -> new RingChecks.Peer(node.get(), v)), RingNodes.of(context));
        JobDecision next = Decommissions.next(node.get(), view.map(RingView::mode), silence, othersNotUp, jobs.state(key),
                clock.instant(), RETRY_AFTER);
        RingNode leaving = node.get();
        return jobs.follow(key, next, progress -> NodeOperations.decommission(leaving));
    }

    /** The service is uninstalled or its scheduler stops: the kept JMX connections go. */
    @Override
    public void close() {
        sessions.close();
    }

    /** An operation an action runs on each node in turn. */
    private interface NodeWork {
        void run(RingNode node, Consumer<String> progress) throws Exception;
    }

    private static int nodeCount(HookContext context) {
        return context.target().spec().pod(POD).map(PodSpec::count).orElse(0);
    }
}
