package dev.berth.core.master;

import dev.berth.core.events.EventSink;
import dev.berth.core.access.Authorizer;
import dev.berth.core.protocol.Offer;
import dev.berth.core.state.Registry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the leading master holds in memory: its agents, frameworks, tasks and outstanding offers, with
 * the registry that makes them durable, the allocator, the config and the clock. Only the master's
 * event loop reads or changes it; the master's parts share it.
 */
final class MasterState {
    private static final Logger LOG = Logger.getLogger(MasterState.class);

    /** An offer out to a framework, and since when (an offer older than the offer timeout is taken back). */
    record Outstanding(Offer offer, Instant since) {
    }

    final MasterConfig config;
    final Registry registry;
    final Clock clock;
    /** Who may do what: asked for every framework registration, operation and agent message. */
    final Authorizer authorizer;
    final Allocator allocator;
    final Map<String, AgentRecord> agents = new LinkedHashMap<>();
    final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
    final Map<String, MasterTask> tasks = new LinkedHashMap<>();
    final Map<String, Outstanding> offers = new HashMap<>();

    /** Told of each change after its durable write (or, for an agent's reachability, as the master sees it). */
    final EventSink events;

    /** The master's meters (one per process). */
    final MasterMeters meters;

    MasterState(MasterConfig config, Registry registry, Clock clock, Authorizer authorizer, EventSink events,
                MasterMeters meters) {
        this.events = events;
        this.meters = meters;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.authorizer = authorizer;
        this.allocator = new Allocator(config.roleWeights());
    }

    /**
     * Takes over what the registry holds: agents come back as recovering until they re-register (and
     * are unreachable if they do not within the agent timeout), frameworks disconnected until they
     * re-register, tasks with their last status.
     */
    void recover(Registry.Snapshot snapshot) {
        Instant now = clock.instant();
        snapshot.agents().forEach((id, stored) -> {
            AgentRecord agent = new AgentRecord(stored.info(), stored.ledger(), AgentRecord.Status.RECOVERING, now);
            agent.principal = stored.principal();
            agents.put(id, agent);
        });
        snapshot.frameworks().forEach((id, info) -> {
            FrameworkRecord f = new FrameworkRecord(info);
            f.disconnectedAt = Optional.of(now);
            frameworks.put(id, f);
            allocator.addFramework(id, info.role());
        });
        snapshot.tasks().forEach((id, t) -> tasks.put(id, new MasterTask(t.frameworkId(), t.info(), t.latest())));
        LOG.infof("master recovered %d agents, %d frameworks, %d tasks from the registry",
                agents.size(), frameworks.size(), tasks.size());
    }

    /** The tasks of one framework, in launch order. */
    List<MasterTask> tasksOf(String frameworkId) {
        return tasks.values().stream().filter(t -> t.frameworkId.equals(frameworkId)).toList();
    }
}
