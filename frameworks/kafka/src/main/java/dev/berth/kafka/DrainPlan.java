package dev.berth.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the replicas on brokers that leave (a lower {@code brokers.count}) go, and whether the leaving
 * brokers are empty yet. Each replica on a leaving broker goes to a remaining broker the partition does not
 * use yet, preferring a rack the partition's other replicas are not on, then the remaining broker holding
 * the fewest replicas (counting the moves planned so far), then the lowest id; replicas on remaining brokers
 * stay where they are, first in the list, so the preferred leader is a broker that is in sync already.
 * The same cluster always gives the same plan, so a plan asked again after a move finds it done. Pure.
 */
final class DrainPlan {
    private DrainPlan() {
    }

    /**
     * What to do next: nothing (drained), watch the moves that run ({@code MOVING}), ask for {@code moves}
     * ({@code MOVE}), or wait for what blocks them ({@code WAIT}); {@code reason} says which, for the step.
     */
    record Next(Kind kind, String reason, Map<PartitionState, List<Integer>> moves) {
        enum Kind { DRAINED, MOVING, MOVE, WAIT }

        Next {
            moves = Map.copyOf(moves);
        }

        static Next drained() {
            return new Next(Kind.DRAINED, "", Map.of());
        }

        static Next waiting(String reason) {
            return new Next(Kind.WAIT, reason, Map.of());
        }
    }

    /**
     * @param leaving     the ids of the brokers that leave
     * @param remaining   the ids that stay (those below the new count)
     * @param registered  the brokers registered now, with their racks
     * @param partitions  every partition of the cluster
     * @param reassigning how many partition reassignments run now
     * @param total       how many replicas the leaving brokers held when the moves began (for "12 of 40"), or 0
     * @param who         the leaving broker(s) as messages name them ({@code broker-3})
     */
    static Next next(Set<Integer> leaving, Set<Integer> remaining, List<BrokerNode> registered, List<PartitionState> partitions,
                     int reassigning, long total, String who) {
        long left = replicasOn(leaving, partitions);
        if (reassigning > 0) {
            return new Next(Next.Kind.MOVING, "moving " + left + " of " + Math.max(left, total) + " partition replicas off " + who + " ("
                    + reassigning + " partitions being reassigned)", Map.of());
        }
        if (left == 0) {
            return Next.drained();
        }
        Optional<PartitionState> tooWide = partitions.stream().filter(p -> p.replicas().size() > remaining.size())
                .min(Comparator.comparing(PartitionState::name));
        if (tooWide.isPresent()) {
            return Next.waiting("cannot move the replicas off " + who + ": topic " + tooWide.get().topic() + " has replication factor "
                    + tooWide.get().replicas().size() + ", more than the " + remaining.size() + " brokers that remain; lower its"
                    + " replication factor (or delete it), or set brokers.count back to " + (remaining.size() + leaving.size()));
        }
        List<BrokerNode> targets = registered.stream().filter(b -> remaining.contains(b.id()))
                .sorted(Comparator.comparingInt(BrokerNode::id)).toList();
        if (targets.size() < remaining.size()) {
            Set<Integer> up = targets.stream().map(BrokerNode::id).collect(Collectors.toSet());
            return Next.waiting("waiting for brokers " + remaining.stream().filter(id -> !up.contains(id)).sorted().toList()
                    + " to register before moving the replicas off " + who);
        }
        return new Next(Next.Kind.MOVE, "moving " + left + " of " + Math.max(left, total) + " partition replicas off " + who,
                moves(leaving, targets, partitions));
    }

    /** The replica sets of the partitions that have a replica on a leaving broker, with those replicas moved. */
    static Map<PartitionState, List<Integer>> moves(Set<Integer> leaving, List<BrokerNode> targets, List<PartitionState> partitions) {
        Map<Integer, String> rackOf = new HashMap<>();
        Map<Integer, Integer> load = new HashMap<>();
        for (BrokerNode b : targets) {
            rackOf.put(b.id(), b.spreadKey());
            load.put(b.id(), 0);
        }
        partitions.forEach(p -> p.replicas().stream().filter(load::containsKey).forEach(id -> load.merge(id, 1, Integer::sum)));
        Map<PartitionState, List<Integer>> out = new LinkedHashMap<>();
        for (PartitionState p : partitions.stream().sorted(Comparator.comparing(PartitionState::name)).toList()) {
            if (p.replicas().stream().noneMatch(leaving::contains)) {
                continue;
            }
            List<Integer> planned = new ArrayList<>(p.replicas().stream().filter(id -> !leaving.contains(id)).toList());
            for (long k = p.replicas().stream().filter(leaving::contains).count(); k > 0; k--) {
                Set<String> racksUsed = planned.stream().map(id -> rackOf.getOrDefault(id, "broker-" + id)).collect(Collectors.toCollection(HashSet::new));
                int chosen = targets.stream().map(BrokerNode::id).filter(id -> !planned.contains(id))
                        .min(Comparator.<Integer, Boolean>comparing(id -> racksUsed.contains(rackOf.get(id)))
                                .thenComparing(load::get).thenComparing(id -> id))
                        .orElseThrow(() -> new IllegalStateException("no broker left for a replica of " + p.name()));
                planned.add(chosen);
                load.merge(chosen, 1, Integer::sum);
            }
            out.put(p, List.copyOf(planned));
        }
        return out;
    }

    /** How many partition replicas the brokers {@code ids} hold. */
    static long replicasOn(Set<Integer> ids, List<PartitionState> partitions) {
        return partitions.stream().mapToLong(p -> p.replicas().stream().filter(ids::contains).count()).sum();
    }
}
