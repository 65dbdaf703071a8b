package dev.berth.cassandra;

import dev.berth.core.sdk.hooks.HostPort;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which nodes are seeds: the first {@code count} storage endpoints of the service, in instance order.
 *
 * <p>The endpoint list holds only instances that have a home, so it reflects where the ring stands:
 * <ul>
 *   <li>node-0's first launch sees no endpoint and seeds itself: it founds the ring;</li>
 *   <li>node-1's first launch sees node-0 only, so even when it is to be a seed it is not one in its
 *       own list yet, and it bootstraps (a node listed as its own seed skips bootstrap and would own
 *       token ranges without their data); on later launches it sees itself and is a seed;</li>
 *   <li>a replaced instance has no home while it is launched again, so it is never its own seed:
 *       Cassandra refuses to replace a node that is a seed.</li>
 * </ul>
 */
final class Seeds {
    private Seeds() {
    }

    /**
     * @param storageEndpoints the storage addresses of the instances with a home (may be none)
     * @param count            how many seeds (cassandra.seeds)
     * @param self             the storage address of the node being launched: its own seed when none is
     *                         known; empty when unknown (an update renders without it)
     */
    static String pick(List<HostPort> storageEndpoints, int count, Optional<HostPort> self) {
        if (storageEndpoints.isEmpty()) {
            return self.map(HostPort::toString).orElse("");
        }
        return storageEndpoints.subList(0, Math.min(Math.max(count, 1), storageEndpoints.size())).stream()
                .map(HostPort::toString).collect(Collectors.joining(","));
    }
}
