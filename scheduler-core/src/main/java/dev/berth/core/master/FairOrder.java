package dev.berth.core.master;

import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The DRF order of one allocation cycle: frameworks by their role's weighted share, then their own share,
 * then the order they were added in, fairest first.
 *
 * <p>It is kept in two levels because an offer changes only the shares of the role that got it (the
 * cluster's total does not change within a cycle): each role keeps its frameworks by own share, and the
 * roles are kept by (role share, own share and sequence of their fairest framework). An offer then
 * re-places one framework within its role and that role among the roles, O(log R + log F), where a single
 * sorted list would have to move every framework of the role.
 *
 * <p>Roles with equal shares interleave their frameworks by own share in the DRF order, so the fairest
 * framework is not simply the head of the first role when that head cannot take the offer: the search
 * below compares candidates across roles with the full key.
 */
final class FairOrder {
    private static final Comparator<FrameworkSlot> BY_OWN_SHARE = (a, b) -> {
        int c = Double.compare(a.ownKey, b.ownKey);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    /** One role's place in the order: its weighted share and its frameworks, fairest first. */
    private static final class RoleLine {
        double share;
        final TreeSet<FrameworkSlot> frameworks = new TreeSet<>(BY_OWN_SHARE);

        RoleLine(double share) {
            this.share = share;
        }

        FrameworkSlot head() {
            return frameworks.first();
        }

        /** The fairest framework of this role that has not declined the agent, or null. */
        FrameworkSlot firstTaking(String agentId, Instant now) {
            for (FrameworkSlot f : frameworks) {
                if (!f.declines(agentId, now)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Roles by their fairest framework's full key; a line's key may change only while it is out of the set. */
    private static final Comparator<RoleLine> BY_HEAD = (a, b) -> compare(a.share, a.head(), b.share, b.head());

    private final ToDoubleFunction<Role> roleShare;
    private final ToDoubleFunction<FrameworkSlot> ownShare;
    private final Map<Role, RoleLine> lines = new HashMap<>();
    private final TreeSet<RoleLine> roles = new TreeSet<>(BY_HEAD);

    /** The order of {@code wanting} (frameworks that want offers), with shares as the two functions say now. */
    FairOrder(Collection<FrameworkSlot> wanting, ToDoubleFunction<Role> roleShare, ToDoubleFunction<FrameworkSlot> ownShare) {
        this.roleShare = roleShare;
        this.ownShare = ownShare;
        for (FrameworkSlot f : wanting) {
            f.ownKey = ownShare.applyAsDouble(f);
            lines.computeIfAbsent(f.role, r -> new RoleLine(roleShare.applyAsDouble(r))).frameworks.add(f);
        }
        roles.addAll(lines.values());
    }

    /**
     * The fairest framework that may be offered something of {@code left}, on this agent, now; null if none.
     * Unreserved resources can go to any role, so that is the fairest framework that has not declined the
     * agent; resources reserved for roles can go only to frameworks of those roles, so only those roles are
     * looked at (a linear scan would walk past every framework of every other role).
     */
    FrameworkSlot fairestFor(Resources left, String agentId, Instant now) {
        List<Role> reservedRoles = left.anyReserved() ? rolesIfAllReserved(left) : null;
        return reservedRoles == null ? fairestOfAll(agentId, now) : fairestOf(reservedRoles, agentId, now);
    }

    /** {@code f} was just offered something: its share and its role's grew, so both move back in line. */
    void offered(FrameworkSlot f) {
        RoleLine line = lines.get(f.role);
        roles.remove(line);
        line.frameworks.remove(f);
        f.ownKey = ownShare.applyAsDouble(f);
        line.share = roleShare.applyAsDouble(f.role);
        line.frameworks.add(f);
        roles.add(line);
    }

    private FrameworkSlot fairestOfAll(String agentId, Instant now) {
        FrameworkSlot best = null;
        double bestShare = 0;
        for (RoleLine line : roles) {
            // Roles come by their fairest framework: once that is behind the best found, so is all that follows.
            if (best != null && compare(line.share, line.head(), bestShare, best) > 0) {
                break;
            }
            FrameworkSlot f = line.firstTaking(agentId, now);
            if (f != null && (best == null || compare(line.share, f, bestShare, best) < 0)) {
                best = f;
                bestShare = line.share;
            }
        }
        return best;
    }

    private FrameworkSlot fairestOf(List<Role> candidates, String agentId, Instant now) {
        FrameworkSlot best = null;
        double bestShare = 0;
        for (Role role : candidates) {
            RoleLine line = lines.get(role);
            FrameworkSlot f = line == null ? null : line.firstTaking(agentId, now);
            if (f != null && (best == null || compare(line.share, f, bestShare, best) < 0)) {
                best = f;
                bestShare = line.share;
            }
        }
        return best;
    }

    /** The roles {@code left} is reserved for, or null if some of it is unreserved (then every role may have it). */
    private static List<Role> rolesIfAllReserved(Resources left) {
        List<Role> roles = new ArrayList<>(2);
        for (Resource r : left.list()) {
            if (r.reservation().isEmpty()) {
                return null;
            }
            Role role = r.reservation().get().role();
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The full DRF key: role share, own share, then the order added in. */
    private static int compare(double aShare, FrameworkSlot a, double bShare, FrameworkSlot b) {
        int c = Double.compare(aShare, bShare);
        return c != 0 ? c : BY_OWN_SHARE.compare(a, b);
    }
}
