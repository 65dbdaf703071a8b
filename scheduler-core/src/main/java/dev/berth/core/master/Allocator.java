package dev.berth.core.master;

import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Weighted Dominant Resource Fairness across roles, as the Mesos allocator does it.
 *
 * <p>Each cycle walks the agents that have something to offer and gives each agent's offerable
 * resources to frameworks in order of their role's weighted dominant share (lowest first, then the
 * framework's own share, then the order frameworks were added in; see {@link FairOrder}): a framework of role R gets the unreserved resources plus those reserved
 * for R. Resources reserved for a role are never offered to another role. Frameworks that suppressed
 * offers are skipped, as are agents a framework declined with a filter that has not yet expired.
 *
 * <p>Not thread-safe: the master calls it from its single event thread.
 */
public final class Allocator {
    private final Map<Role, Double> weights;
    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
    private final Map<Role, DominantShare> roleAllocation = new HashMap<>();
    private DominantShare clusterTotal = DominantShare.ZERO;

    private final Random shuffle;
    private long added;

    public Allocator(Map<Role, Double> weights) {
        this(weights, new Random());
    }

    /** With the agent shuffle's source given, so that a test can fix the order agents are visited in. */
    Allocator(Map<Role, Double> weights, Random shuffle) {
        this.weights = Map.copyOf(weights);
        this.shuffle = shuffle;
    }

    private static final class AgentSlot {
        Resources total;
        /** What no task or volume holds, from the agent's ledger. */
        Resources free;
        /** What is out in offers now. */
        Resources offered = Resources.EMPTY;

        AgentSlot(Resources total, Resources free) {
            this.total = total;
            this.free = free;
        }

        Resources offerable() {
            return free.minus(offered);
        }
    }

    // ---- agents ----

    public void addAgent(String agentId, Resources total, Resources free) {
        removeAgent(agentId);
        agents.put(agentId, new AgentSlot(total, free));
        clusterTotal = clusterTotal.plus(DominantShare.of(total));
    }

    /** The agent's ledger changed (a launch, a task ended, an operation): its free resources are these now. */
    public void updateFree(String agentId, Resources free) {
        AgentSlot slot = agents.get(agentId);
        if (slot != null) {
            slot.free = free;
        }
    }

    public void removeAgent(String agentId) {
        AgentSlot slot = agents.remove(agentId);
        if (slot != null) {
            clusterTotal = clusterTotal.minus(DominantShare.of(slot.total));
        }
    }

    // ---- frameworks ----

    public void addFramework(String frameworkId, Role role) {
        if (!frameworks.containsKey(frameworkId)) {
            frameworks.put(frameworkId, new FrameworkSlot(frameworkId, role, added++));
        }
    }

    public void removeFramework(String frameworkId) {
        frameworks.remove(frameworkId);
    }

    public void suppress(String frameworkId) {
        framework(frameworkId).ifPresent(f -> f.suppressed = true);
    }

    /** Offers flow again, and every decline filter of this framework is forgotten. */
    public void revive(String frameworkId) {
        framework(frameworkId).ifPresent(f -> {
            f.suppressed = false;
            f.declinedUntil.clear();
        });
    }

    public void decline(String frameworkId, String agentId, Instant until) {
        framework(frameworkId).ifPresent(f -> f.declinedUntil.put(agentId, until));
    }

    public boolean isSuppressed(String frameworkId) {
        return framework(frameworkId).map(f -> f.suppressed).orElse(false);
    }

    // ---- usage: what a role holds counts in its share ----

    /** Resources a framework holds (tasks launched, offers outstanding) grew by {@code r}. */
    public void allocated(String frameworkId, Resources r) {
        DominantShare d = DominantShare.of(r);
        framework(frameworkId).ifPresent(f -> {
            f.allocated = f.allocated.plus(d);
            roleAllocation.merge(f.role, d, DominantShare::plus);
        });
    }

    /** Resources a framework held came back (task ended, offer declined or rescinded). */
    public void deallocated(String frameworkId, Resources r) {
        DominantShare d = DominantShare.of(r);
        framework(frameworkId).ifPresent(f -> {
            f.allocated = f.allocated.minus(d);
            roleAllocation.merge(f.role, d, DominantShare::minus);
        });
    }

    /** An offer ends: its resources are no longer out (whether used by a launch or returned). */
    public void offerEnded(String frameworkId, String agentId, Resources offered) {
        AgentSlot slot = agents.get(agentId);
        if (slot != null) {
            slot.offered = slot.offered.minus(offered);
        }
        deallocated(frameworkId, offered);
    }

    /** The weighted dominant share of a role: its largest fraction of the cluster, divided by its weight. */
    public double share(Role role) {
        return roleAllocation.getOrDefault(role, DominantShare.ZERO).dominantFractionOf(clusterTotal)
                / weights.getOrDefault(role, 1.0);
    }

    // ---- the cycle ----

    /**
     * One allocation cycle: every agent with something offerable goes out in offers, fairest first.
     * After each offer the agent's remainder is offered again from the fairest framework, because what
     * is left may be reserved for another role than the one that just got an offer.
     */
    public List<Allocation> allocate(Instant now) {
        List<Allocation> out = new ArrayList<>();
        List<FrameworkSlot> wanting = new ArrayList<>();
        for (FrameworkSlot f : frameworks.values()) {
            if (!f.suppressed) {
                wanting.add(f);
            }
        }
        if (wanting.isEmpty()) {
            return out;
        }
        FairOrder order = new FairOrder(wanting, this::share, f -> f.allocated.dominantFractionOf(clusterTotal));
        List<String> agentIds = new ArrayList<>(agents.keySet());
        // Shuffle so that, at equal shares, no agent is always first in line for the same framework.
        Collections.shuffle(agentIds, shuffle);
        for (String agentId : agentIds) {
            AgentSlot agent = agents.get(agentId);
            Resources left = agent.offerable();
            while (!left.isEmpty()) {
                FrameworkSlot f = order.fairestFor(left, agentId, now);
                if (f == null) {
                    break;
                }
                Resources offer = offerableTo(f.role, left);
                if (offer.isEmpty()) {
                    // The order only names frameworks whose role can take part of what is left; anything
                    // else is a bug here, and offering nothing would loop on this agent forever.
                    throw new IllegalStateException("the DRF order named " + f.id + " for nothing of " + left);
                }
                left = left.minus(offer);
                agent.offered = agent.offered.plus(offer);
                allocated(f.id, offer);
                out.add(new Allocation(f.id, agentId, offer));
                order.offered(f);
            }
        }
        return out;
    }

    /** Unreserved resources plus those reserved for exactly this role. */
    static Resources offerableTo(Role role, Resources available) {
        if (!available.anyReserved()) {
            return available;
        }
        return available.filter(r -> r.reservation().map(x -> x.role().equals(role)).orElse(true));
    }

    private Optional<FrameworkSlot> framework(String id) {
        return Optional.ofNullable(frameworks.get(id));
    }

    /** For tests and the benchmark: how many agents and frameworks the allocator knows. */
    public int agentCount() {
        return agents.size();
    }
}
