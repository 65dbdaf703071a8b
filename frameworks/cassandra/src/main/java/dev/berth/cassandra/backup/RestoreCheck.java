package dev.berth.cassandra.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a backup may be restored into a ring, decided before any node is touched: the same number of
 * nodes, each node with the tokens it had (a restore loads each node's files into the node of the same
 * index, which must own the same ranges, or the rows would land on nodes that do not serve them), the same
 * datacenter and racks, and a release of the same major and minor version. Every difference is named.
 */
public final class RestoreCheck {
    private RestoreCheck() {
    }

    /** Each difference between the backup and the ring ({@code ring}: the nodes' facts now, by instance). */
    public static List<String> differences(BackupManifest backup, Map<String, NodeFacts> ring) {
        List<String> out = new ArrayList<>();
        if (backup.nodes().size() != ring.size()) {
            out.add("node count: backup " + backup.name() + " has " + backup.nodes().size() + " nodes, the ring " + ring.size());
        }
        for (NodeBackupPart part : backup.nodes()) {
            NodeFacts was = part.node();
            NodeFacts now = ring.get(was.instance());
            if (now == null) {
                continue; // counted above
            }
            if (!was.datacenter().equals(now.datacenter())) {
                out.add(was.instance() + " datacenter: " + was.datacenter() + " in the backup, " + now.datacenter() + " now");
            }
            if (!was.rack().equals(now.rack())) {
                out.add(was.instance() + " rack: " + was.rack() + " in the backup, " + now.rack() + " now");
            }
            if (was.tokens().size() != now.tokens().size()) {
                out.add(was.instance() + " token count: " + was.tokens().size() + " in the backup, " + now.tokens().size() + " now");
            } else if (!was.tokens().equals(now.tokens())) {
                out.add(was.instance() + " tokens: " + differing(was.tokens(), now.tokens()) + " of " + was.tokens().size()
                        + " differ from the backup's (another ring: its data would land on nodes that do not own it)");
            }
            if (!majorMinor(was.version()).equals(majorMinor(now.version()))) {
                out.add(was.instance() + " version: " + was.version() + " in the backup, " + now.version()
                        + " now (a restore needs the same major and minor release)");
            }
        }
        return out;
    }

    private static long differing(List<String> a, List<String> b) {
        return a.stream().filter(t -> !b.contains(t)).count();
    }

    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
