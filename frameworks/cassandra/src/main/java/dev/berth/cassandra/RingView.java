package dev.berth.cassandra;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ring as one node sees it, from its StorageService MBean: its own operation mode (STARTING,
 * JOINING, NORMAL, LEAVING, DECOMMISSIONED, DRAINING, DRAINED…) and the addresses it knows in each
 * state. Addresses are IPs without port: every node of a service sits on its own agent's address.
 */
record RingView(String mode, Set<String> live, Set<String> unreachable, Set<String> joining, Set<String> leaving,
                Set<String> moving) {
    static final String NORMAL = "NORMAL";

    RingView {
        Objects.requireNonNull(mode, "mode");
        live = Set.copyOf(live);
        unreachable = Set.copyOf(unreachable);
        joining = Set.copyOf(joining);
        leaving = Set.copyOf(leaving);
        moving = Set.copyOf(moving);
    }

    /** How this node sees {@code ip}: "up and normal", or what is not (down, joining…). */
    NodeState stateOf(String ip) {
        if (unreachable.contains(ip)) {
            return NodeState.DOWN;
        }
        if (!live.contains(ip)) {
            return NodeState.UNKNOWN;
        }
        if (joining.contains(ip)) {
            return NodeState.JOINING;
        }
        if (leaving.contains(ip)) {
            return NodeState.LEAVING;
        }
        if (moving.contains(ip)) {
            return NodeState.MOVING;
        }
        return NodeState.UP_NORMAL;
    }

    /** Every address this node knows of. */
    Set<String> known() {
        TreeSet<String> all = new TreeSet<>(live);
        all.addAll(unreachable);
        all.addAll(joining);
        all.addAll(leaving);
        all.addAll(moving);
        return all;
    }

    /** nodetool status's two letters, spelled out. */
    enum NodeState {
        UP_NORMAL("up and normal"), DOWN("down"), JOINING("joining"), LEAVING("leaving"), MOVING("moving"),
        UNKNOWN("not in the ring");

        final String text;

        NodeState(String text) {
            this.text = text;
        }
    }
}
