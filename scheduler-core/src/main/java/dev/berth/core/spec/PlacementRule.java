package dev.berth.core.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Where the instances of a pod may go. Checked against every offer before any reservation is made.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlacementRule.UniqueAgent.class, name = "unique-agent"),
        @JsonSubTypes.Type(value = PlacementRule.SpreadBy.class, name = "spread"),
        @JsonSubTypes.Type(value = PlacementRule.LimitPer.class, name = "limit"),
        @JsonSubTypes.Type(value = PlacementRule.Restrict.class, name = "restrict")})
public sealed interface PlacementRule {
    /** At most one instance of this pod per agent. */
    record UniqueAgent() implements PlacementRule {
    }

    /** Instances spread evenly across the values of an agent attribute (zone, rack). */
    record SpreadBy(String attribute) implements PlacementRule {
    }

    /** At most {@code max} instances per value of an agent attribute. */
    record LimitPer(String attribute, int max) implements PlacementRule {
    }

    /** Only on agents whose attribute has one of these values. */
    record Restrict(String attribute, List<String> values) implements PlacementRule {
        public Restrict {
            values = List.copyOf(values);
        }
    }
}
