package dev.berth.cassandra;

import dev.berth.core.sdk.HookContext;
import dev.berth.core.sdk.ServiceHooks;
import dev.berth.core.spec.Violation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What only Cassandra can tell the scheduler, asked over JMX: a node is ready when it is NORMAL and
 * up in its own view and in another node's (a seed first); a node may stop only while every other
 * node is up and normal. The decisions are {@link RingChecks}'; this class only finds the nodes and
 * reads their views. It also checks options ({@link CassandraOptionRules}) and gives the templates their
 * {@code package.*} values ({@link CassandraTemplateValues}).
 */
public class CassandraHooks implements ServiceHooks {
    /** Short: the scheduler waits for a hook only some seconds, and asks again soon anyway. */
    static final Duration TIMEOUT = Duration.ofSeconds(4);

    @Override
    public Optional<String> notReady(HookContext context, String podInstance) {
        List<RingNode> nodes = RingNodes.of(context);
        Optional<RingNode> node = nodes.stream().filter(n -> n.instance().equals(podInstance)).findFirst();
        if (node.isEmpty()) {
            return Optional.of(podInstance + " has no home with a JMX port yet");
        }
        RingView own;
        try {
            own = JmxRing.read(node.get(), TIMEOUT);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
        // the seeds lead the list; a node Berth knows to be down is asked last
        List<RingNode> others = nodes.stream().filter(n -> !n.instance().equals(podInstance))
                .sorted(Comparator.comparing((RingNode n) -> n.trouble().isPresent())).toList();
        Optional<RingChecks.Peer> peer = Optional.empty();
        List<String> silent = new ArrayList<>();
        for (RingNode other : others) {
            try {
                peer = Optional.of(new RingChecks.Peer(other, JmxRing.read(other, TIMEOUT)));
                break;
            } catch (IOException e) {
                silent.add(other.label());
            }
        }
        if (peer.isEmpty() && !others.isEmpty()) {
            return Optional.of("no other node answers JMX to confirm it sees " + node.get().label() + ": "
                    + String.join(", ", silent));
        }
        return RingChecks.notReady(node.get(), own, peer);
    }

    @Override
    public Optional<String> stopBlocked(HookContext context, String podInstance) {
        List<RingNode> nodes = RingNodes.of(context);
        Optional<RingNode> stopping = nodes.stream().filter(n -> n.instance().equals(podInstance)).findFirst();
        if (stopping.isEmpty()) {
            return Optional.empty(); // nowhere to stop it
        }
        // The node's own view first, else any other node's: the question is about the others.
        List<RingNode> askOrder = new ArrayList<>();
        askOrder.add(stopping.get());
        nodes.stream().filter(n -> n != stopping.get()).sorted(Comparator.comparing((RingNode n) -> n.trouble().isPresent()))
                .forEach(askOrder::add);
        for (RingNode asked : askOrder) {
            try {
                RingChecks.Peer seen = new RingChecks.Peer(asked, JmxRing.read(asked, TIMEOUT));
                return RingChecks.stopBlocked(stopping.get(), Optional.of(seen), nodes);
            } catch (IOException e) {
                // ask the next one
            }
        }
        // No node answers JMX: what Berth knows of the tasks decides alone. A ring none of whose nodes
        // answers serves nothing a stop could take away, and a blocked stop would keep a fix (a new
        // config) from rolling; each relaunched node must still be ready before the next stops.
        return RingChecks.stopBlocked(stopping.get(), Optional.empty(), nodes);
    }

    @Override
    public List<Violation> invalidOptions(Map<String, Object> options, Optional<Map<String, Object>> current) {
        return CassandraOptionRules.check(options, current);
    }

    @Override
    public Map<String, Object> templateValues(Map<String, Object> context) {
        return CassandraTemplateValues.of(context);
    }
}
