package dev.berth.core.master;

import dev.berth.core.access.Authorizer;
import dev.berth.core.access.Action;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.state.RegistryChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The frameworks' sessions with the master: registration (the first, and again with its id after a
 * failover, when the framework gets its tasks' unacknowledged updates again), disconnection (its offers
 * are taken back; its tasks run on for its failover timeout and are killed after it), suppress and
 * revive, and teardown. Runs on the master's loop.
 */
final class FrameworkSessions {
    private static final Logger LOG = Logger.getLogger(FrameworkSessions.class);

    private final MasterState state;
    private final MasterTasks tasks;
    private final OfferBook offers;

    FrameworkSessions(MasterState state, MasterTasks tasks, OfferBook offers) {
        this.state = state;
        this.tasks = tasks;
        this.offers = offers;
    }

    /**
     * Registers (no id) or registers again (its id) a framework and connects its scheduler, whose first
     * callback is {@code registered} with the driver {@code driverFor} makes for the framework's id.
     */
    FrameworkDriver register(FrameworkInfo info, Scheduler scheduler, java.util.function.Function<String, FrameworkDriver> driverFor) {
        String principal = info.principal().name();
        state.authorizer.check(principal, Action.REGISTER_FRAMEWORK, info.role().name());
        info.id().map(state.frameworks::get).filter(known -> !known.info.principal().equals(info.principal()))
                .ifPresent(known -> {
                    throw Authorizer.deny(principal, Action.REGISTER_FRAMEWORK, info.role().name(),
                            "framework " + known.id() + " belongs to principal '" + known.info.principal() + "'");
                });
        String id = info.id().orElseGet(() -> info.name() + "-" + UUID.randomUUID().toString().substring(0, 8));
        FrameworkInfo withId = info.withId(id);
        FrameworkRecord f = state.frameworks.computeIfAbsent(id, k -> new FrameworkRecord(withId));
        f.info = withId;
        state.registry.commit(new RegistryChange().put(withId));
        f.connect(scheduler);
        state.allocator.addFramework(id, withId.role());
        state.allocator.revive(id);
        FrameworkDriver driver = driverFor.apply(id);
        f.call(s -> s.registered(driver, id));
        tasks.redeliver(id);
        LOG.infof("framework %s (%s) registered with role %s, principal %s", id, info.name(), info.role(), info.principal());
        return driver;
    }

    /**
     * The framework went away (its process died, it stopped polling). Its offers are rescinded; its
     * tasks keep running until its failover timeout ends, unless it registers again with its id before.
     */
    void disconnect(String frameworkId) {
        FrameworkRecord f = state.frameworks.get(frameworkId);
        if (f == null || !f.connected()) {
            return;
        }
        offers.rescindWhere(o -> o.frameworkId().equals(frameworkId));
        f.disconnect();
        f.disconnectedAt = Optional.of(state.clock.instant());
        LOG.infof("framework %s disconnected; its tasks run on for its failover timeout of %s",
                frameworkId, f.info.failoverTimeout());
    }

    /**
     * Frameworks away past their failover timeout are removed as by a teardown: their tasks are killed and
     * they are forgotten (Mesos's removal of a framework that does not fail over in time), so the registry
     * does not keep every framework that ever went away.
     */
    void checkFailoverTimeouts() {
        Instant now = state.clock.instant();
        for (FrameworkRecord f : List.copyOf(state.frameworks.values())) {
            if (f.disconnectedAt.isPresent() && f.disconnectedAt.get().plus(f.info.failoverTimeout()).isBefore(now)) {
                LOG.infof("framework %s stayed away past its failover timeout of %s; removing it and killing its tasks",
                        f.id(), f.info.failoverTimeout());
                teardown(f.id());
            }
        }
    }

    /** No more offers to the framework until it revives; those out now are taken back. */
    void suppress(String frameworkId) {
        state.allocator.suppress(frameworkId);
        offers.rescindWhere(o -> o.frameworkId().equals(frameworkId));
    }

    /** Offers to the framework again, at once. */
    void revive(String frameworkId) {
        state.allocator.revive(frameworkId);
        offers.allocate();
    }

    /** The framework leaves for good: its tasks are killed, its offers taken back, it is forgotten. */
    void teardown(String frameworkId) {
        // durable first: a failed write leaves the framework as it was, and its teardown may be asked again
        state.registry.commit(new RegistryChange().removeFramework(frameworkId));
        tasks.killAllOf(frameworkId);
        FrameworkRecord f = state.frameworks.remove(frameworkId);
        if (f != null) {
            f.disconnect();
        }
        offers.rescindWhere(o -> o.frameworkId().equals(frameworkId));
        state.allocator.removeFramework(frameworkId);
    }
}
