package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.PodInstanceRecord;
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
 */
final class PlacementCheck {
    private PlacementCheck() {
    }

    /** Empty when the agent is allowed; else why not. */
    static Optional<String> refuse(PodSpec pod, Offer offer, Collection<PodInstanceRecord> others, AttributeValues known) {
        for (PlacementRule rule : pod.placement()) {
            if (rule instanceof PlacementRule.UniqueAgent) {
                Optional<PodInstanceRecord> there = others.stream()
                        .filter(o -> o.podType().equals(pod.type()) && o.agentId().equals(offer.agentId())).findFirst();
                if (there.isPresent()) {
                    return Optional.of("placement 'unique agent': " + there.get().name() + " is there");
                }
            } else if (rule instanceof PlacementRule.LimitPer l) {
                String value = offer.attributes().get(l.attribute());
                if (value == null) {
                    return Optional.of("placement 'limit " + l.attribute() + "': the agent has no " + l.attribute());
                }
                long count = others.stream().filter(o -> o.podType().equals(pod.type())
                        && value.equals(o.attributes().get(l.attribute()))).count();
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
    private static Optional<String> spread(PodSpec pod, String attribute, Offer offer, Collection<PodInstanceRecord> others,
                                           AttributeValues known) {
        String value = offer.attributes().get(attribute);
        if (value == null) {
            return Optional.of("placement 'spread by " + attribute + "': the agent has no " + attribute);
        }
        Map<String, Long> counts = new TreeMap<>();
        known.of(attribute).stream().filter(v -> allowed(pod, attribute, v)).forEach(v -> counts.put(v, 0L));
        counts.put(value, 0L);
        for (PodInstanceRecord o : others) {
            String v = o.attributes().get(attribute);
            if (o.podType().equals(pod.type()) && v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        }
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
    static long crowding(PodSpec pod, Offer offer, Collection<PodInstanceRecord> others) {
        long total = 0;
        for (PlacementRule rule : pod.placement()) {
            if (rule instanceof PlacementRule.SpreadBy s) {
                String value = offer.attributes().get(s.attribute());
                total += others.stream().filter(o -> o.podType().equals(pod.type())
                        && value != null && value.equals(o.attributes().get(s.attribute()))).count();
            }
        }
        return total;
    }
}
