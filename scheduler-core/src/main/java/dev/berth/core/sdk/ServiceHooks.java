package dev.berth.core.sdk;

import java.util.Optional;

/**
 * What a package adds in Java to the agent's checks, for what only the database itself can tell:
 * whether an instance is really ready (a Kafka broker registered and its partitions in sync), and
 * whether it may be stopped now without losing anything (no partition would fall under its
 * min.insync.replicas). A package names its hooks class in {@code package.yaml}.
 *
 * <p>Hooks may be slow (they talk to the database): the scheduler calls them off its own thread, with
 * a timeout, and acts on their latest verdict. An answer is empty when all is well, else the reason,
 * which the waiting step shows.
 */
public interface ServiceHooks {
    ServiceHooks NONE = new ServiceHooks() {
    };

    /** Empty when the instance is ready for the service (its readiness checks passed already). */
    default Optional<String> notReady(HookContext context, String podInstance) throws Exception {
        return Optional.empty();
    }

    /** Empty when the instance may be stopped now (a rolling update, a restart); else what blocks it. */
    default Optional<String> stopBlocked(HookContext context, String podInstance) throws Exception {
        return Optional.empty();
    }
}
