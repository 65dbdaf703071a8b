package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.Offer;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a pod's placement rules let a new instance go to an offer's agent, given where the other
 * instances of the pod live. Answers the reason when they do not, naming the rule and the instances.
 * Reads the counts {@link PlacedInstances} keeps, so one check costs the same however many instances
 * the service has.
 */
final class PlacementCheck {
    private PlacementCheck() {
    }

    /** Empty when the agent is allowed; else why not. */
    static Optional<String> refuse(PodSpec pod, Offer offer, PlacedInstances others, AttributeValues known) {
        for (PlacementRule rule : pod.placement()) {
            if (rule instanceof PlacementRule.UniqueAgent) {
                Collection<String> there = others.onAgent(pod.type(), offer.agentId());
                if (!there.isEmpty()) {
                    return Optional.of("placement 'unique agent': " + there.iterator().next() + " is there");
                }
            } else if (rule instanceof PlacementRule.LimitPer l) {
                String value = offer.attributes().get(l.attribute());
                if (value == null) {
                    return Optional.of("placement 'limit " + l.attribute() + "': the agent has no " + l.attribute());
                }
                long count = others.count(pod.type(), l.attribute(), value);
                if (count >= l.max()) {
                    return Optional.of("placement 'limit " + l.max() + " per " + l.attribute() + "': "
                            + l.attribute() + " " + value + " has " + count);
                }
            } else if (rule instanceof PlacementRule.Restrict r) {
                String value = offer.attributes().get(r.attribute());
                if (value == null || !r.values().contains(value)) {
                    return Optional.of("placement 'restrict " + r.attribute() + " to " + r.values() + "': the agent's "
                            + r.attribute() + " is " + (value == null ? "not set" : value));
                }
            } else if (rule instanceof PlacementRule.SpreadBy s) {
                Optional<String> uneven = spread(pod, s.attribute(), offer, others, known);
                if (uneven.isPresent()) {
                    return uneven;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Spread is a hard rule: a new instance goes only to a value of the attribute that holds no more instances
     * of the pod than any other value known (seen in offers, or where instances live, within the pod's
     * restrict rules), so that a ring of three in three zones is one per zone even when the first offers come
     * from two of them. Cassandra refuses to allocate tokens for a third node in a second rack.
     */
    private static Optional<String> spread(PodSpec pod, String attribute, Offer offer, PlacedInstances others,
                                           AttributeValues known) {
        String value = offer.attributes().get(attribute);
        if (value == null) {
            return Optional.of("placement 'spread by " + attribute + "': the agent has no " + attribute);
        }
        Map<String, Long> counts = new TreeMap<>();
        known.of(attribute).stream().filter(v -> allowed(pod, attribute, v))
                .forEach(v -> counts.put(v, others.count(pod.type(), attribute, v)));
        counts.put(value, others.count(pod.type(), attribute, value));
        // values where instances live count too, even when no offer showed them yet
        others.valuesOf(pod.type(), attribute).forEach(v -> counts.put(v, others.count(pod.type(), attribute, v)));
        long least = counts.values().stream().min(Long::compare).orElse(0L);
        if (counts.get(value) <= least) {
            return Optional.empty();
        }
        List<String> emptier = counts.entrySet().stream().filter(e -> e.getValue() == least).map(Map.Entry::getKey).toList();
        return Optional.of(String.format("placement 'spread by %s': %s %s has %d, %s %s %d; waiting for an agent there",
                attribute, attribute, value, counts.get(value), String.join(", ", emptier), emptier.size() == 1 ? "has" : "have",
                least));
    }

    /** Whether the pod's restrict rules on {@code attribute} allow {@code value}. */
    private static boolean allowed(PodSpec pod, String attribute, String value) {
        return pod.placement().stream().noneMatch(r -> r instanceof PlacementRule.Restrict x && x.attribute().equals(attribute)
                && !x.values().contains(value));
    }

    /**
     * For spread rules, how crowded the offer's attribute values already are (lower is better): the
     * evaluator prefers the offer whose zone/rack holds the fewest instances of the pod.
     */
    static long crowding(PodSpec pod, Offer offer, PlacedInstances others) {
        long total = 0;
        for (PlacementRule rule : pod.placement()) {
            if (rule instanceof PlacementRule.SpreadBy s) {
                String value = offer.attributes().get(s.attribute());
                total += value == null ? 0 : others.count(pod.type(), s.attribute(), value);
            }
        }
        return total;
    }

    /** Whether the pod has a spread rule, the only rule whose offers are worth sorting by crowding. */
    static boolean spreads(PodSpec pod) {
        return pod.placement().stream().anyMatch(PlacementRule.SpreadBy.class::isInstance);
    }
}
