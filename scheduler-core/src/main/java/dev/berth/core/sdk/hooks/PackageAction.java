package dev.berth.core.sdk.hooks;

import java.util.Objects;

/**
 * A step an update plan ends with that the package performs itself, through
 * {@link ServiceHooks#runAction}, instead of a task launch: finalizing Kafka's metadata version after
 * every broker runs the new release, spreading partitions onto new brokers. A {@code heldBack} action
 * waits for an operator ({@code berth plan continue SVC update}), for what cannot be undone.
 */
public record PackageAction(String name, String description, boolean heldBack) {
    public PackageAction {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
