package dev.berth.core.master;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.protocol.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The driver of a framework in the master's process: every call hops onto the master's loop. */
final class InProcessDriver implements FrameworkDriver {
    private final String frameworkId;
    private final MasterLoop loop;
    private final Accepts accepts;
    private final OfferBook offers;
    private final MasterTasks tasks;
    private final FrameworkSessions sessions;

    InProcessDriver(String frameworkId, MasterLoop loop, Accepts accepts, OfferBook offers, MasterTasks tasks,
                    FrameworkSessions sessions) {
        this.frameworkId = frameworkId;
        this.loop = loop;
        this.accepts = accepts;
        this.offers = offers;
        this.tasks = tasks;
        this.sessions = sessions;
    }

    @Override
    public String frameworkId() {
        return frameworkId;
    }

    @Override
    public CompletableFuture<Void> accept(List<String> offerIds, List<Operation> operations, Duration refuseFor) {
        return loop.submit(() -> {
            accepts.accept(frameworkId, offerIds, operations, refuseFor);
            return null;
        });
    }

    @Override
    public void decline(String offerId, Duration refuseFor) {
        loop.execute(() -> offers.decline(frameworkId, offerId, refuseFor));
    }

    @Override
    public void kill(String taskId) {
        loop.execute(() -> tasks.kill(frameworkId, taskId));
    }

    @Override
    public void acknowledge(String taskId, String statusUuid) {
        loop.execute(() -> tasks.acknowledge(taskId, statusUuid));
    }

    @Override
    public void reconcile(List<String> taskIds) {
        loop.execute(() -> tasks.reconcile(frameworkId, taskIds));
    }

    @Override
    public void suppress() {
        loop.execute(() -> sessions.suppress(frameworkId));
    }

    @Override
    public void revive() {
        loop.execute(() -> sessions.revive(frameworkId));
    }

    @Override
    public void teardown() {
        loop.execute(() -> sessions.teardown(frameworkId));
    }
}
