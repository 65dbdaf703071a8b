package dev.berth.core.master;

import dev.berth.reservations.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** What the allocator knows of one framework: its role, what it holds, whether and where it wants offers. */
final class FrameworkSlot {
    final String id;
    final Role role;
    /** The order the frameworks were added in: the last tiebreak of the DRF order, so that order is total. */
    final long seq;
    boolean suppressed;
    DominantShare allocated = DominantShare.ZERO;
    final Map<String, Instant> declinedUntil = new HashMap<>();
    /** The framework's own dominant share, as the current cycle's order last saw it. */
    double ownKey;

    FrameworkSlot(String id, Role role, long seq) {
        this.id = id;
        this.role = role;
        this.seq = seq;
    }

    /** True while a decline filter of this framework keeps the agent's offers from it. */
    boolean declines(String agentId, Instant now) {
        Instant filter = declinedUntil.get(agentId);
        return filter != null && filter.isAfter(now);
    }
}
