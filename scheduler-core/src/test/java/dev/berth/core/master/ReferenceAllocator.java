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
 * Test oracle: the allocator as it was before issue 18, kept to check that {@link Allocator} hands out
 * exactly the same offers. It keeps the frameworks in one list sorted by (weighted role share, own share)
 * and, after every offer, takes the frameworks of the role that got it out of the list and puts them back
 * by binary search; each agent scans the list from the fairest framework.
 *
 * <p>Two changes from the original, both needed to compare runs: ties are broken by the order the
 * frameworks were added in (the original left equal keys in whatever place the binary search found, which
 * is the list's insertion order at the start of a cycle but not always after a re-insert), and the agent
 * shuffle takes its {@link Random} from the caller. Nothing else is changed: do not speed this class up.
 */
final class ReferenceAllocator {
    private final Map<Role, Double> weights;
    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
    private final Map<Role, DominantShare> roleAllocation = new HashMap<>();
    private DominantShare clusterTotal = DominantShare.ZERO;

    private final Random shuffle;
    private long added;

    ReferenceAllocator(Map<Role, Double> weights, Random shuffle) {
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

    private static final class FrameworkSlot {
        final String id;
        final Role role;
        final long seq;
        boolean suppressed;
        DominantShare allocated = DominantShare.ZERO;
        final Map<String, Instant> declinedUntil = new HashMap<>();
        /** Sort keys of the current cycle: the role's weighted share and the framework's own share. */
        double roleKey;
        double ownKey;

        FrameworkSlot(String id, Role role, long seq) {
            this.id = id;
            this.role = role;
            this.seq = seq;
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
     * The frameworks are kept in a list sorted by (weighted role share, own share); after an offer only
     * the frameworks of the role that got it move, so a cycle costs about one step per agent.
     */
    public List<Allocation> allocate(Instant now) {
        List<Allocation> out = new ArrayList<>();
        List<FrameworkSlot> order = new ArrayList<>();
        for (FrameworkSlot f : frameworks.values()) {
            if (!f.suppressed) {
                refreshKeys(f);
                order.add(f);
            }
        }
        if (order.isEmpty()) {
            return out;
        }
        order.sort(FAIREST_FIRST);
        List<String> agentIds = new ArrayList<>(agents.keySet());
        // Shuffle so that, at equal shares, no agent is always first in line for the same framework.
        Collections.shuffle(agentIds, shuffle);
        for (String agentId : agentIds) {
            AgentSlot agent = agents.get(agentId);
            Resources left = agent.offerable();
            int i = 0;
            while (!left.isEmpty() && i < order.size()) {
                FrameworkSlot f = order.get(i);
                Instant filter = f.declinedUntil.get(agentId);
                Resources offer = filter != null && filter.isAfter(now) ? Resources.EMPTY : offerableTo(f.role, left);
                if (offer.isEmpty()) {
                    i++;
                    continue;
                }
                left = left.minus(offer);
                agent.offered = agent.offered.plus(offer);
                allocated(f.id, offer);
                out.add(new Allocation(f.id, agentId, offer));
                reorderRole(order, f.role);
                // What is left, if anything, is reserved for other roles: scan again from the fairest.
                i = 0;
            }
        }
        return out;
    }

    private static final java.util.Comparator<FrameworkSlot> FAIREST_FIRST = (a, b) -> {
        int c = Double.compare(a.roleKey, b.roleKey);
        c = c != 0 ? c : Double.compare(a.ownKey, b.ownKey);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private void refreshKeys(FrameworkSlot f) {
        f.roleKey = share(f.role);
        f.ownKey = f.allocated.dominantFractionOf(clusterTotal);
    }

    /** The shares of one role changed: move its frameworks to their new places in the order. */
    private void reorderRole(List<FrameworkSlot> order, Role role) {
        List<FrameworkSlot> moved = new ArrayList<>();
        for (java.util.Iterator<FrameworkSlot> it = order.iterator(); it.hasNext(); ) {
            FrameworkSlot f = it.next();
            if (f.role.equals(role)) {
                it.remove();
                refreshKeys(f);
                moved.add(f);
            }
        }
        for (FrameworkSlot f : moved) {
            int at = Collections.binarySearch(order, f, FAIREST_FIRST);
            order.add(at < 0 ? -at - 1 : at, f);
        }
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
}
