package dev.berth.core.client;

import dev.berth.core.plan.PlanAction;
import java.util.Optional;

/**
 * The part of a plan a {@link PlanAction} is about: the whole plan, one phase, or one step (of a phase);
 * sent as the {@code phase} and {@code step} query parameters. Which combinations an action accepts is
 * the master's to say (force-complete needs the phase).
 */
public record PlanScope(Optional<String> phase, Optional<String> step) {
    public static final PlanScope WHOLE_PLAN = new PlanScope(Optional.empty(), Optional.empty());

    public PlanScope {
        phase = phase == null ? Optional.empty() : phase;
        step = step == null ? Optional.empty() : step;
    }

    /** From options that may be absent (null), such as the CLI's {@code --phase} and {@code --step}. */
    public static PlanScope of(String phase, String step) {
        return new PlanScope(Optional.ofNullable(phase), Optional.ofNullable(step));
    }
}
