package dev.berth.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of a plan: (re)launch the given tasks of one pod instance with the target config. Its
 * {@code message} says what it waits for ("no offer fits: cpus short by 0.5 on agent-1 …"), so an
 * operator never has to guess. Immutable; the plan keeper replaces steps as they move.
 */
public record Step(String name, String podInstance, List<String> tasks, Status status, boolean interrupted,
                   String message, Instant updated) {
    public Step {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(podInstance, "podInstance");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        updated = updated == null ? Instant.EPOCH : updated;
    }

    public static Step pending(String podInstance, List<String> tasks) {
        return new Step(podInstance, podInstance, tasks, Status.PENDING, false, "", Instant.EPOCH);
    }

    /**
     * A step the package performs itself (a {@code PackageAction}), bound to no pod instance; a held-back
     * one starts interrupted, waiting for an operator's continue.
     */
    public static Step action(String name, String description, boolean heldBack) {
        return new Step(name, "", List.of(), Status.PENDING, heldBack,
                heldBack ? "held back until an operator continues the plan: " + description : description, Instant.EPOCH);
    }

    /** True for a package action's step, which launches nothing. */
    public boolean isAction() {
        return podInstance.isEmpty();
    }

    public Step with(Status s, String why, Instant now) {
        return new Step(name, podInstance, tasks, s, interrupted, why, now);
    }

    public Step withMessage(String why) {
        return new Step(name, podInstance, tasks, status, interrupted, why, updated);
    }

    public Step interrupted(boolean value) {
        return new Step(name, podInstance, tasks, status, value, message, updated);
    }

    public boolean isComplete() {
        return status == Status.COMPLETE;
    }

    /** What an operator sees: an interrupted step shows WAITING whatever it was doing. */
    public Status shownStatus() {
        return interrupted && !isComplete() ? Status.WAITING : status;
    }
}
