package dev.berth.core.master;

import dev.berth.reservations.Role;
import java.time.Duration;
import java.util.Map;

/**
 * How the master paces itself: how long an agent may stay silent before it is unreachable, how often
 * offers go out, how often an unacknowledged status update is sent again, and the role weights.
 */
public record MasterConfig(Duration agentTimeout, Duration allocationInterval, Duration statusRetryInterval,
                           Duration defaultRefuse, Map<Role, Double> roleWeights) {
    public static MasterConfig defaults() {
        return new MasterConfig(Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Map.of());
    }

    public MasterConfig withAgentTimeout(Duration d) {
        return new MasterConfig(d, allocationInterval, statusRetryInterval, defaultRefuse, roleWeights);
    }

    public MasterConfig withStatusRetryInterval(Duration d) {
        return new MasterConfig(agentTimeout, allocationInterval, d, defaultRefuse, roleWeights);
    }

    public MasterConfig withAllocationInterval(Duration d) {
        return new MasterConfig(agentTimeout, d, statusRetryInterval, defaultRefuse, roleWeights);
    }
}
