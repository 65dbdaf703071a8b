package dev.berth.core.protocol;

import dev.berth.reservations.Caller;
import dev.berth.reservations.Principal;
import dev.berth.reservations.Role;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A framework as it registers: its id (absent the first time; the master assigns one and the
 * framework keeps it to re-register after a failover), name, role, principal, and how long the
 * master keeps its tasks running while it is disconnected.
 */
public record FrameworkInfo(Optional<String> id, String name, Role role, Principal principal, Duration failoverTimeout) {
    public FrameworkInfo {
        id = id == null ? Optional.empty() : id;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        failoverTimeout = failoverTimeout == null ? Duration.ofDays(7) : failoverTimeout;
    }

    public FrameworkInfo withId(String frameworkId) {
        return new FrameworkInfo(Optional.of(frameworkId), name, role, principal, failoverTimeout);
    }

    public Caller caller() {
        return new Caller(principal, role);
    }
}
