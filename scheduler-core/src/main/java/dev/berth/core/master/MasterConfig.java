package dev.berth.core.master;

import dev.berth.reservations.Role;
import java.time.Duration;
import java.util.Map;

/**
 * How the master paces itself: how long an agent may stay silent before it is unreachable, how often
 * offers go out, how often an unacknowledged status update is sent again, the role weights, and how
 * long an offer a framework neither accepts nor declines stays out before the master takes it back
 * (Mesos's {@code --offer_timeout}): resources are never held by a framework that stopped answering;
 * and how long tasks that ended stay in the registry ({@link TaskRetention}).
 */
public record MasterConfig(Duration agentTimeout, Duration allocationInterval, Duration statusRetryInterval,
                           Duration defaultRefuse, Map<Role, Double> roleWeights, Duration offerTimeout,
                           TaskRetention completedTasks) {
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(30);

    public static MasterConfig defaults() {
        return new MasterConfig(Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Map.of(), DEFAULT_OFFER_TIMEOUT, TaskRetention.DEFAULTS);
    }

    public MasterConfig withOfferTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("offer timeout: '" + d.toMillis()
                    + " ms' is not valid; expected a positive duration, such as 30 seconds");
        }
        return new MasterConfig(agentTimeout, allocationInterval, statusRetryInterval, defaultRefuse, roleWeights, d, completedTasks);
    }

    public MasterConfig withCompletedTasks(TaskRetention retention) {
        return new MasterConfig(agentTimeout, allocationInterval, statusRetryInterval, defaultRefuse, roleWeights,
                offerTimeout, retention);
    }

    public MasterConfig withAgentTimeout(Duration d) {
        return new MasterConfig(d, allocationInterval, statusRetryInterval, defaultRefuse, roleWeights, offerTimeout, completedTasks);
    }

    public MasterConfig withStatusRetryInterval(Duration d) {
        return new MasterConfig(agentTimeout, allocationInterval, d, defaultRefuse, roleWeights, offerTimeout, completedTasks);
    }

    public MasterConfig withRoleWeights(Map<Role, Double> weights) {
        return new MasterConfig(agentTimeout, allocationInterval, statusRetryInterval, defaultRefuse, Map.copyOf(weights),
                offerTimeout, completedTasks);
    }

    /** Parses {@code ROLE=WEIGHT} entries such as {@code db/kafka=2}; a weight must be above 0. */
    public static Map<Role, Double> parseWeights(java.util.List<String> entries) {
        Map<Role, Double> out = new java.util.TreeMap<>();
        for (String e : entries) {
            int eq = e.lastIndexOf('=');
            String allowed = "ROLE=WEIGHT with a weight above 0, such as db/kafka=2";
            if (eq <= 0) {
                throw new IllegalArgumentException("role weight: '" + e + "' is not valid; expected " + allowed);
            }
            double w;
            try {
                w = Double.parseDouble(e.substring(eq + 1));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("role weight: '" + e + "' is not valid; expected " + allowed);
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("role weight: '" + e + "' is not valid; expected " + allowed);
            }
            out.put(Role.parse("role weight", e.substring(0, eq)), w);
        }
        return out;
    }

    public MasterConfig withAllocationInterval(Duration d) {
        return new MasterConfig(agentTimeout, d, statusRetryInterval, defaultRefuse, roleWeights, offerTimeout, completedTasks);
    }
}
