package dev.berth.core.sdk.offer;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a pod's placement rules let a new instance go to an offer's agent, given where the other
 * instances of the pod live. Answers the reason when they do not, naming the rule and the instances.
 */
final class PlacementCheck {
    private PlacementCheck() {
    }

    /** Empty when the agent is allowed; else why not. */
    static Optional<String> refuse(PodSpec pod, Offer offer, Collection<PodInstanceRecord> others) {
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
            } else if (rule instanceof PlacementRule.SpreadBy s && !offer.attributes().containsKey(s.attribute())) {
                return Optional.of("placement 'spread by " + s.attribute() + "': the agent has no " + s.attribute());
            }
        }
        return Optional.empty();
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
