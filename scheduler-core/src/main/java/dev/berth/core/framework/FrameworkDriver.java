package dev.berth.core.framework;

import dev.berth.core.protocol.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a framework asks of the master. Every call takes and returns plain records so it can be
 * carried over HTTP as JSON the same way it runs in-process.
 */
public interface FrameworkDriver {
    String frameworkId();

    /**
     * Accepts offers (all on one agent) with operations applied in order and atomically. The future
     * fails with {@link AcceptRefusedException} naming the operation and the reason when any is
     * invalid; then none was applied. Resources of the offers not used are declined for {@code refuseFor}.
     */
    CompletableFuture<Void> accept(List<String> offerIds, List<Operation> operations, Duration refuseFor);

    void decline(String offerId, Duration refuseFor);

    void kill(String taskId);

    void acknowledge(String taskId, String statusUuid);

    /** Asks for the latest status of these tasks, or of all of the framework's tasks when empty. */
    void reconcile(List<String> taskIds);

    void suppress();

    void revive();

    /** Leaves: the master kills the framework's tasks (reservations and volumes stay). */
    void teardown();
}
