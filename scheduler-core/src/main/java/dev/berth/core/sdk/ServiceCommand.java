package dev.berth.core.sdk;

import dev.berth.core.plan.Plan;
import dev.berth.core.plan.PlanAction;
import dev.berth.core.protocol.ServiceTarget;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What an operator (through the API) asks of a running service. A command is submitted to the
 * service's loop ({@link ServiceScheduler#submit}) and runs there between offers and status updates,
 * never from another thread; {@code R} is what it answers.
 */
public sealed interface ServiceCommand<R> {
    /** A new target config, already validated: its update plan rolls what changed. */
    record UpdateTarget(ServiceTarget next) implements ServiceCommand<Void> {
        public UpdateTarget {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * An operator's action on a plan (and on a phase and step, where the action takes them), with the
     * parameters a start was given; answers the plan after it.
     */
    record ChangePlan(String plan, PlanAction action, Optional<String> phase, Optional<String> step,
                      Map<String, String> parameters) implements ServiceCommand<Plan> {
        public ChangePlan {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(action, "action");
            phase = phase == null ? Optional.empty() : phase;
            step = step == null ? Optional.empty() : step;
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public ChangePlan(String plan, PlanAction action, Optional<String> phase, Optional<String> step) {
            this(plan, action, phase, step, Map.of());
        }
    }

    /** Restarts a pod instance in place: its tasks are killed and relaunched on the same reservation. */
    record RestartPod(String instance) implements ServiceCommand<Void> {
        public RestartPod {
            Objects.requireNonNull(instance, "instance");
        }
    }

    /** Replaces a pod instance: it moves to another agent with a fresh reservation and volume. */
    record ReplacePod(String instance) implements ServiceCommand<Void> {
        public ReplacePod {
            Objects.requireNonNull(instance, "instance");
        }
    }

    /**
     * Kills every task, then destroys every volume and unreserves every reservation, then forgets the
     * service; answers a future that completes when all of that is done.
     */
    record Uninstall() implements ServiceCommand<CompletableFuture<Void>> {
    }
}
