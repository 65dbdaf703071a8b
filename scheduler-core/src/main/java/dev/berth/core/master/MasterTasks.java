package dev.berth.core.master;

import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.state.StoredTask;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Resources;
import dev.berth.volumes.VolumeLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tasks as the master tracks them. A status update is written to the registry first; a task that ended
 * gives back what it held (ledger and allocator); the framework hears each update of a task oldest
 * first, again and again until it acknowledges it. Kills go to the task's agent, or end the task as LOST
 * when its agent is away. Runs on the master's loop.
 */
final class MasterTasks {
    private static final Logger LOG = Logger.getLogger(MasterTasks.class);

    private final MasterState state;

    MasterTasks(MasterState state) {
        this.state = state;
    }

    /**
     * A status update from agent {@code agentId} (whose principal was checked); durable once this returns, so
     * the agent may forget it. A status about a task of another agent is refused: an agent speaks only for
     * what runs on it.
     */
    void fromAgent(String principal, String agentId, TaskStatus status) {
        MasterTask t = state.tasks.get(status.taskId());
        if (!agentId.equals(status.agentId()) || t != null && !t.info.agentId().equals(agentId)) {
            String runsOn = t == null ? status.agentId() : t.info.agentId();
            String why = "task " + status.taskId() + " runs on agent " + runsOn + ", not on agent " + agentId;
            throw Authorizer.deny(principal, Action.REGISTER_AGENT, runsOn, why);
        }
        AgentRecord agent = state.agents.get(agentId);
        if (agent != null) {
            agent.lastSeen = state.clock.instant();
        }
        if (t == null) {
            LOG.debugf("status for unknown task %s dropped", status.taskId());
            return;
        }
        if (!t.latest.state().isTerminal()) {
            apply(t, status);
        }
    }

    /**
     * Records a new status durably, releases what a finished task held, and queues it for the framework.
     * The registry is written before anything in memory changes: a failed write leaves the master as it
     * was, so the agent's retry of the same status is applied again rather than taken as known.
     */
    void apply(MasterTask t, TaskStatus status) {
        LOG.infof("task %s on agent %s: %s %s", t.info.taskId(), t.info.agentId(), status.state(), status.message());
        RegistryChange change = new RegistryChange().put(new StoredTask(t.frameworkId, t.info, status));
        AgentRecord agent = state.agents.get(t.info.agentId());
        boolean releases = status.state().isTerminal() && agent != null;
        Resources held = Resources.EMPTY;
        VolumeLedger released = null;
        if (releases) {
            held = agent.ledger.ledger().claimOf(Claim.task(t.info.taskId())).orElse(Resources.EMPTY);
            released = agent.ledger.withLedger(agent.ledger.ledger().release(Claim.task(t.info.taskId())))
                    .detach(t.info.taskId());
            change.put(agent.stored(released));
        }
        state.registry.commit(change);
        t.latest = status;
        if (releases) {
            agent.ledger = released;
            state.allocator.updateFree(agent.info.id(), agent.ledger.ledger().free());
            state.allocator.deallocated(t.frameworkId, held);
        }
        t.unacknowledged.addLast(status);
        if (t.unacknowledged.size() == 1) {
            deliverHead(t);
        }
    }

    /** Sends the framework the oldest update of the task it has not acknowledged. */
    void deliverHead(MasterTask t) {
        TaskStatus head = t.unacknowledged.peekFirst();
        FrameworkRecord f = state.frameworks.get(t.frameworkId);
        if (head == null || f == null) {
            return;
        }
        t.lastDelivery = state.clock.instant();
        t.deliveryQueued.set(true);
        f.call(s -> {
            t.deliveryQueued.set(false);
            s.statusUpdate(head);
        });
    }

    /** A framework (re)connected: it hears again every update it has not acknowledged. */
    void redeliver(String frameworkId) {
        for (MasterTask t : state.tasksOf(frameworkId)) {
            if (!t.unacknowledged.isEmpty()) {
                deliverHead(t);
            }
        }
    }

    /**
     * Sends again the updates not acknowledged within the retry interval. A framework whose callback thread
     * has not yet taken the last copy gets no other: a slow framework's queue holds one update per task, not
     * one per retry.
     */
    void retryUnacknowledged() {
        Instant due = state.clock.instant().minus(state.config.statusRetryInterval());
        for (MasterTask t : state.tasks.values()) {
            if (!t.unacknowledged.isEmpty() && !t.lastDelivery.isAfter(due) && !t.deliveryQueued.get()) {
                state.meters.statusRetry();
                deliverHead(t);
            }
        }
    }

    /** The framework has the update {@code statusUuid} of the task: the next one, if any, goes out. */
    void acknowledge(String taskId, String statusUuid) {
        MasterTask t = state.tasks.get(taskId);
        if (t != null && !t.unacknowledged.isEmpty() && t.unacknowledged.peekFirst().uuid().equals(statusUuid)) {
            t.unacknowledged.removeFirst();
            deliverHead(t);
        }
    }

    /** Tells the framework the latest state of these tasks (all of its tasks when empty); a task it does not own is LOST. */
    void reconcile(String frameworkId, List<String> taskIds) {
        FrameworkRecord f = state.frameworks.get(frameworkId);
        if (f == null) {
            return;
        }
        List<TaskStatus> answers = new ArrayList<>();
        if (taskIds.isEmpty()) {
            state.tasksOf(frameworkId).forEach(t -> answers.add(t.latest));
        } else {
            for (String id : taskIds) {
                MasterTask t = state.tasks.get(id);
                answers.add(t != null && t.frameworkId.equals(frameworkId) ? t.latest
                        : TaskStatus.of(id, null, TaskState.LOST, TaskStatus.Reason.UNKNOWN_TASK,
                                "the master knows no such task"));
            }
        }
        answers.forEach(s -> f.call(sch -> sch.statusUpdate(s)));
    }

    /** Kills a task of the framework: its agent stops it, or, with the agent away, it is LOST now. */
    void kill(String frameworkId, String taskId) {
        MasterTask t = state.tasks.get(taskId);
        if (t == null || !t.frameworkId.equals(frameworkId) || t.latest.state().isTerminal()) {
            return;
        }
        AgentRecord agent = state.agents.get(t.info.agentId());
        if (agent == null || agent.status != AgentRecord.Status.REACHABLE) {
            apply(t, TaskStatus.of(taskId, t.info.agentId(), TaskState.LOST, TaskStatus.Reason.AGENT_UNREACHABLE,
                    "kill asked while agent " + t.info.agentId() + " is unreachable"));
            return;
        }
        agent.send(new AgentCommand.KillTask(taskId, t.info.killGracePeriod()));
    }

    void killAllOf(String frameworkId) {
        for (MasterTask t : state.tasksOf(frameworkId)) {
            kill(frameworkId, t.info.taskId());
        }
    }
}
