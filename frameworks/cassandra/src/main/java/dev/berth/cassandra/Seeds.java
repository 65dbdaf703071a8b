package dev.berth.cassandra;

import java.util.Arrays;
import java.util.List;

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
     * @param storageEndpoints {@code host:port,host:port} of the instances with a home (may be empty)
     * @param count            how many seeds (cassandra.seeds)
     * @param self             {@code host:port} of the node being launched: its own seed when none is known
     */
    static String pick(String storageEndpoints, int count, String self) {
        List<String> known = Arrays.stream(storageEndpoints == null ? new String[0] : storageEndpoints.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (known.isEmpty()) {
            return self;
        }
        return String.join(",", known.subList(0, Math.min(Math.max(count, 1), known.size())));
    }
}
