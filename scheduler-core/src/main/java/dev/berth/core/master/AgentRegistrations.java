package dev.berth.core.master;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.protocol.HeldVolume;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.state.RegistryChange;
import dev.berth.core.state.StoredAgent;
import dev.berth.reservations.AgentLedger;
import dev.berth.volumes.VolumeLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The agents as the master knows them: their registration (the first, and again after an agent restart
 * or a master failover, with the tasks they still run), their heartbeat (every poll), their latest usage,
 * and the timeout after which a silent agent is unreachable and so are its tasks (they may still run,
 * cut off: a task ends only when the agent says so, comes back without it, or its framework kills it).
 * Runs on the master's loop.
 */
final class AgentRegistrations {
    private static final Logger LOG = Logger.getLogger(AgentRegistrations.class);

    private final MasterState state;
    private final MasterTasks tasks;
    private final OfferBook offers;

    AgentRegistrations(MasterState state, MasterTasks tasks, OfferBook offers) {
        this.state = state;
        this.tasks = tasks;
        this.offers = offers;
    }

    /**
     * An agent registers, or registers again with the tasks it still runs. Tasks the master expected there
     * but the agent does not report are LOST; tasks the agent runs but the master does not know (or already
     * gave up on) are killed.
     */
    AgentRegistered register(String principal, Optional<String> knownId, AgentInfo declared, List<TaskStatus> running,
                             List<HeldVolume> volumes) {
        state.authorizer.check(principal, Action.REGISTER_AGENT, declared.hostname());
        String id = knownId.filter(state.agents::containsKey).orElseGet(() -> knownId.orElse(newAgentId(declared)));
        AgentInfo info = new AgentInfo(id, declared.hostname(), declared.ip(), declared.resources(), declared.attributes());
        AgentRecord agent = state.agents.get(id);
        Instant now = state.clock.instant();
        if (agent != null && agent.principal != null && !agent.principal.equals(principal)) {
            throw Authorizer.deny(principal, Action.REGISTER_AGENT, id,
                    "agent " + id + " is bound to the principal that registered it first");
        }
        if (agent == null) {
            agent = new AgentRecord(info, VolumeLedger.of(AgentLedger.of(id, info.resources())),
                    AgentRecord.Status.REACHABLE, now);
            agent.principal = principal;
            state.registry.commit(new RegistryChange().put(agent.stored(agent.ledger)));
            state.agents.put(id, agent);
            LOG.infof("agent %s registered at %s with %s", id, info.ip(), info.resources());
            state.events.publish(agentEvent(EventKind.AGENT_REGISTERED, info, "registered at " + info.ip() + " with "
                    + info.resources(), Map.of("resources", info.resources().toString())));
        } else {
            if (!agent.info.resources().equals(info.resources())) {
                // Mesos's agent reconfiguration: growth is taken, a shrink only to what is free; durable first
                VolumeLedger resized = agent.ledger.withLedger(agent.ledger.ledger().resize(info.resources()));
                state.registry.commit(new RegistryChange().put(StoredAgent.of(info, resized, agent.principal)));
                LOG.infof("agent %s re-registered with new resources %s (was %s)", id, info.resources(),
                        agent.info.resources());
                agent.ledger = resized;
            }
            if (agent.principal == null) {
                // a record from before agents had principals: the first to register again binds it
                agent.principal = principal;
                state.registry.commit(new RegistryChange().put(agent.stored(agent.ledger)));
            }
            AgentRecord.Status was = agent.status;
            agent.info = info;
            agent.status = AgentRecord.Status.REACHABLE;
            agent.lastSeen = now;
            agent.commands.clear();
            LOG.infof("agent %s re-registered with %d running tasks", id, running.size());
            state.events.publish(agentEvent(EventKind.AGENT_BACK, info, "registered again with " + running.size()
                    + " running tasks (was " + was + ")", Map.of("was", was.name(), "running", String.valueOf(running.size()))));
            reconcileTasks(agent, running);
            removeStrayVolumes(agent, volumes);
        }
        state.allocator.removeAgent(id);
        state.allocator.addAgent(id, info.resources(), agent.ledger.ledger().free());
        return new AgentRegistered(id, state.registry.epoch());
    }

    /**
     * The agent polled: it is alive. Empty when the master does not take it as registered (it must register
     * again). Refused for another principal than the agent's.
     */
    Optional<AgentRecord> heardFrom(String principal, String agentId) {
        requireOwner(principal, agentId);
        AgentRecord agent = state.agents.get(agentId);
        if (agent == null || agent.status != AgentRecord.Status.REACHABLE) {
            return Optional.empty();
        }
        agent.lastSeen = state.clock.instant();
        return Optional.of(agent);
    }

    /** The agent's latest measurements of its tasks and volumes, kept for the API. */
    void usage(String principal, String agentId, AgentUsage usage) {
        requireOwner(principal, agentId);
        AgentRecord agent = state.agents.get(agentId);
        if (agent != null) {
            agent.usage = usage;
        }
    }

    /** Agents silent past the agent timeout are unreachable: their offers are taken back, their tasks UNREACHABLE. */
    void checkSilence() {
        Instant now = state.clock.instant();
        for (AgentRecord agent : state.agents.values()) {
            if (agent.status != AgentRecord.Status.UNREACHABLE && agent.lastSeen.plus(state.config.agentTimeout()).isBefore(now)) {
                markUnreachable(agent, now);
            }
        }
    }

    /** Only the principal an agent registered as speaks for it; an unknown agent is told to register (not refused). */
    void requireOwner(String principal, String agentId) {
        AgentRecord agent = state.agents.get(agentId);
        if (agent != null && agent.principal != null && !agent.principal.equals(principal)) {
            throw Authorizer.deny(principal, Action.REGISTER_AGENT, agentId,
                    "agent " + agentId + " is bound to another principal");
        }
    }

    private static String newAgentId(AgentInfo declared) {
        return declared.hostname().replaceAll("[^A-Za-z0-9.-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void reconcileTasks(AgentRecord agent, List<TaskStatus> running) {
        Map<String, TaskStatus> reported = new HashMap<>();
        running.forEach(s -> reported.put(s.taskId(), s));
        for (MasterTask t : List.copyOf(state.tasks.values())) {
            if (!t.info.agentId().equals(agent.info.id()) || t.latest.state().isTerminal()) {
                continue;
            }
            TaskStatus s = reported.remove(t.info.taskId());
            if (s == null) {
                tasks.apply(t, TaskStatus.of(t.info.taskId(), agent.info.id(), TaskState.LOST,
                        TaskStatus.Reason.AGENT_LOST_TASK, "agent " + agent.info.id() + " re-registered without this task"));
            } else if (s.state() != t.latest.state()) {
                tasks.apply(t, s);
            }
        }
        // What is left the master does not know or already gave up on: it must not run on.
        for (TaskStatus orphan : reported.values()) {
            if (!orphan.state().isTerminal()) {
                LOG.infof("agent %s runs task %s that the master does not expect there; killing it",
                        agent.info.id(), orphan.taskId());
                agent.send(new AgentCommand.KillTask(orphan.taskId(), Duration.ofSeconds(30)));
            }
        }
    }

    /**
     * Volumes the agent has that its ledger does not: destroyed while it was away, or their destroy
     * command was lost with a failover (commands live in the leader's memory, the ledger in ZooKeeper).
     * Only for an agent the master knew: a new ledger knows no volumes, and would take every one for stray.
     */
    private void removeStrayVolumes(AgentRecord agent, List<HeldVolume> held) {
        java.util.Set<HeldVolume> kept = new java.util.HashSet<>();
        agent.ledger.volumes().values().forEach(v -> HeldVolume.of(v).ifPresent(kept::add));
        for (HeldVolume v : held) {
            if (!kept.contains(v)) {
                LOG.infof("agent %s has volume %s of role %s that its ledger no longer has; removing it", agent.info.id(),
                        v.id(), v.role());
                agent.send(new AgentCommand.RemoveVolume(v));
            }
        }
    }

    private void markUnreachable(AgentRecord agent, Instant now) {
        String id = agent.info.id();
        LOG.warnf("agent %s silent since %s: unreachable; its tasks are UNREACHABLE until it is back", id, agent.lastSeen);
        agent.status = AgentRecord.Status.UNREACHABLE;
        state.events.publish(agentEvent(EventKind.AGENT_UNREACHABLE, agent.info, "silent since " + agent.lastSeen
                + ": its tasks are UNREACHABLE until it is back", Map.of("lastSeen", agent.lastSeen.toString())));
        offers.rescindWhere(o -> o.agentId().equals(id));
        state.allocator.removeAgent(id);
        long silentFor = Duration.between(agent.lastSeen, now).toSeconds();
        for (MasterTask t : List.copyOf(state.tasks.values())) {
            if (t.info.agentId().equals(id) && !t.latest.state().isTerminal() && t.latest.state() != TaskState.UNREACHABLE) {
                // ready as it was: a node that comes back running needs no new readiness check
                tasks.apply(t, TaskStatus.of(t.info.taskId(), id, TaskState.UNREACHABLE, TaskStatus.Reason.AGENT_UNREACHABLE,
                        "agent " + id + " unreachable: silent for " + silentFor + "s (timeout "
                                + state.config.agentTimeout().toSeconds() + "s)").withReady(t.latest.ready()));
            }
        }
    }

    private static ClusterEvent.Draft agentEvent(EventKind kind, AgentInfo info, String message, Map<String, String> details) {
        Map<String, String> all = new java.util.TreeMap<>(details);
        all.put("agent", info.id());
        all.put("hostname", info.hostname());
        all.put("ip", info.ip());
        return ClusterEvent.Draft.of(kind, null, info.id(), message, all);
    }
}
