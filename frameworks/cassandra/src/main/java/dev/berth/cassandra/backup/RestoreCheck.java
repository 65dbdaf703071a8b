package dev.berth.cassandra.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a backup may be restored into a ring, decided before any node is touched: the same number of
 * nodes, each with as many tokens as it had, the same datacenter, as many nodes in each rack, and a release of the same major
 * and minor version. Every difference is named. The tokens themselves may differ (a new service restored from
 * another's backup): a node whose tokens are the backup's node's imports that node's files, and one whose
 * tokens differ imports every node's files and then drops what it does not own (see restore-node).
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
        // racks as a whole (nodes per rack), not node by node: a new ring places its nodes as its agents come
        Map<String, Long> racksThen = racks(backup.nodes().stream().map(NodeBackupPart::node).toList());
        Map<String, Long> racksNow = racks(ring.values());
        if (!racksThen.equals(racksNow)) {
            out.add("racks (nodes per rack): " + racksThen + " in the backup, " + racksNow + " now");
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
            if (was.tokens().size() != now.tokens().size()) {
                out.add(was.instance() + " token count: " + was.tokens().size() + " in the backup, " + now.tokens().size() + " now");
            }
            if (!majorMinor(was.version()).equals(majorMinor(now.version()))) {
                out.add(was.instance() + " version: " + was.version() + " in the backup, " + now.version()
                        + " now (a restore needs the same major and minor release)");
            }
        }
        return out;
    }

    private static Map<String, Long> racks(java.util.Collection<NodeFacts> nodes) {
        return nodes.stream().collect(java.util.stream.Collectors.groupingBy(NodeFacts::rack, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
