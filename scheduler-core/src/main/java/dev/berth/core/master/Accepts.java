package dev.berth.core.master;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.state.StoredTask;
import dev.berth.reservations.Resources;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A framework's accept of offers: all of one agent, their operations (RESERVE, UNRESERVE, CREATE,
 * DESTROY, LAUNCH) validated against the agent's ledger by {@link OperationApplier} and applied
 * atomically, or refused whole with the operation and the reason. Applied means durable first: the new
 * ledger and the STAGING tasks in one registry transaction, then the launches and volume removals go to
 * the agent. Runs on the master's loop.
 */
final class Accepts {
    private static final Logger LOG = Logger.getLogger(Accepts.class);

    private final MasterState state;
    private final OfferBook offers;

    Accepts(MasterState state, OfferBook offers) {
        this.state = state;
        this.offers = offers;
    }

    void accept(String frameworkId, List<String> offerIds, List<Operation> operations, Duration refuseFor) {
        FrameworkRecord f = state.frameworks.get(frameworkId);
        // Before anything is taken or applied: a denied accept leaves the offers and the ledger as they were.
        OperationAccess.check(state.authorizer, f.info, operations);
        List<Offer> used = new ArrayList<>();
        for (String id : offerIds) {
            Optional<Offer> o = offers.outstanding(frameworkId, id);
            if (o.isEmpty()) {
                throw refuse(f, new AcceptRefusedException(-1, "ACCEPT",
                        "offer " + id + " is not outstanding for this framework (rescinded, used or never made)"));
            }
            used.add(o.get());
        }
        if (used.isEmpty() || used.stream().map(Offer::agentId).distinct().count() != 1) {
            throw refuse(f, new AcceptRefusedException(-1, "ACCEPT", "an accept takes offers of exactly one agent"));
        }
        String agentId = used.get(0).agentId();
        Resources offered = used.stream().map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
        used.forEach(o -> offers.take(frameworkId, o.id()));
        AgentRecord agent = state.agents.get(agentId);
        OperationApplier.Applied applied;
        try {
            applied = OperationApplier.apply(f.info, agentId, offered, agent.ledger, operations);
        } catch (AcceptRefusedException e) {
            throw refuse(f, e);
        }
        // Durable first: the new ledger and the STAGING tasks, in one transaction, before any launch goes out.
        RegistryChange change = new RegistryChange().put(agent.stored(applied.ledger()));
        List<MasterTask> launched = new ArrayList<>();
        for (TaskInfo task : applied.launched()) {
            TaskStatus staging = TaskStatus.of(task.taskId(), agentId, TaskState.STAGING, "sent to agent " + agentId);
            change.put(new StoredTask(frameworkId, task, staging));
            launched.add(new MasterTask(frameworkId, task, staging));
        }
        state.registry.commit(change);
        agent.ledger = applied.ledger();
        state.allocator.updateFree(agentId, agent.ledger.ledger().free());
        for (MasterTask t : launched) {
            state.tasks.put(t.info.taskId(), t);
            state.allocator.allocated(frameworkId, t.info.resources());
            List<Volume> volumes = t.info.volumes().stream()
                    .map(m -> agent.ledger.volume(PersistenceId.of(m.persistenceId())).orElseThrow()).toList();
            agent.send(new AgentCommand.LaunchTask(frameworkId, t.info, volumes));
        }
        for (Volume v : applied.destroyed()) {
            agent.send(new AgentCommand.DestroyVolume(v));
        }
        if (!applied.unused().isEmpty()) {
            state.allocator.decline(frameworkId, agentId, state.clock.instant().plus(refuseFor));
        }
        LOG.infof("framework %s accepted on agent %s: %s", frameworkId, agentId,
                operations.stream().map(Operation::type).toList());
        for (Operation op : operations) {
            state.meters.operation(op.type().toString(), true);
            state.events.publish(ClusterEvent.Draft.of(EventKind.OPERATION_APPLIED, f.info.name(), op.type() + " on " + agentId,
                    op.type() + " for role " + f.info.role() + " on agent " + agentId,
                    Map.of("type", op.type().toString(), "role", f.info.role().toString(), "agent", agentId,
                            "framework", frameworkId)));
        }
    }

    private AcceptRefusedException refuse(FrameworkRecord f, AcceptRefusedException e) {
        LOG.infof("accept by %s refused: %s", f == null ? "?" : f.id(), e.getMessage());
        if (f != null) {
            f.call(s -> s.error(e.getMessage()));
            state.meters.operation(e.operationType(), false);
            state.events.publish(ClusterEvent.Draft.of(EventKind.OPERATION_REFUSED, f.info.name(), e.operationType(),
                    e.getMessage(), Map.of("type", e.operationType(), "role", f.info.role().toString(),
                            "framework", f.info.id().orElse(""), "reason", e.getMessage())));
        }
        return e;
    }
}
