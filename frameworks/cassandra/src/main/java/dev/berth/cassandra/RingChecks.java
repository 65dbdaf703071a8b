package dev.berth.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The decisions of the cassandra hooks, on views of the ring already read: is a node ready, may a
 * node stop. Pure, so every case is a unit test.
 */
final class RingChecks {
    private RingChecks() {
    }

    /**
     * A node is ready when it is NORMAL, sees itself up and not joining, and another node (a seed
     * first) sees it the same: only then do clients' coordinators route to it, and may the next node
     * bootstrap or stop.
     *
     * @param peer another node and its view, empty when the node is alone in the service
     */
    static Optional<String> notReady(RingNode node, RingView own, Optional<Peer> peer) {
        if (!own.mode().equals(RingView.NORMAL)) {
            return Optional.of(node.label() + " is " + own.mode() + ", not NORMAL yet");
        }
        RingView.NodeState self = own.stateOf(node.ip());
        if (self != RingView.NodeState.UP_NORMAL) {
            return Optional.of(node.label() + " sees itself " + self.text);
        }
        if (peer.isPresent()) {
            RingView.NodeState seen = peer.get().view().stateOf(node.ip());
            if (seen != RingView.NodeState.UP_NORMAL) {
                return Optional.of(peer.get().node().label() + " sees " + node.label() + " " + seen.text);
            }
        }
        return Optional.empty();
    }

    /**
     * A node may stop only while every other node of the ring is up and normal: with one already down
     * (or joining, leaving, moving), stopping another would leave some ranges with two replicas fewer,
     * below QUORUM at replication factor 3. A node counts as down as soon as either Berth knows its
     * server task is not running and ready, or the ring sees it so: a killed node stays "up" in gossip
     * for several seconds. Every node not up and normal is named.
     *
     * @param stopping  the node to stop
     * @param seen      the ring as some node sees it (the stopping one when it answers); empty when no
     *                  node answers, and then Berth's own knowledge decides alone
     * @param instances the service's nodes, to name addresses and to catch a node the ring does not know
     */
    static Optional<String> stopBlocked(RingNode stopping, Optional<Peer> seen, List<RingNode> instances) {
        List<String> notUp = othersNotUp(stopping, seen, instances);
        if (notUp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not stopping " + stopping.instance() + " while " + String.join(", ", notUp));
    }

    /**
     * Every node other than {@code node} that is not up and normal, as Berth knows its task or as
     * {@code seen} shows the ring, each named with what is wrong: what holds a stop back, and a
     * decommission too (its ranges stream to the other nodes, which must all be there to take them).
     */
    static List<String> othersNotUp(RingNode node, Optional<Peer> seen, List<RingNode> instances) {
        Map<String, RingNode> byIp = new TreeMap<>();
        instances.forEach(n -> byIp.put(n.ip(), n));
        TreeSet<String> others = new TreeSet<>(byIp.keySet());
        seen.ifPresent(p -> others.addAll(p.view().known()));
        others.remove(node.ip());
        List<String> notUp = new ArrayList<>();
        for (String ip : others) {
            RingNode other = byIp.get(ip);
            if (other != null && other.trouble().isPresent()) {
                notUp.add(other.label() + " is down: " + other.trouble().get());
                continue;
            }
            if (seen.isEmpty()) {
                continue;
            }
            RingView.NodeState state = seen.get().view().stateOf(ip);
            if (state != RingView.NodeState.UP_NORMAL) {
                String who = other != null ? other.label() : ip + " (not a node of this service)";
                notUp.add(who + " is " + state.text + " as " + seen.get().node().instance() + " sees the ring");
            }
        }
        return notUp;
    }

    /** Another node and how it sees the ring. */
    record Peer(RingNode node, RingView view) {
    }
}
