package dev.berth.core.api;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.FrameworkEvent;
import dev.berth.core.framework.FrameworkInfo;
import dev.berth.core.framework.Offer;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.ConfirmedQueue;
import dev.berth.core.protocol.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Frameworks that run outside the master process: each gets a queue of its callbacks as events,
 * which it drains by long polls, and a driver on the master that its HTTP calls go to.
 */
@ApplicationScoped
public class RemoteFrameworks {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framework-polls");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Remote> remotes = new ConcurrentHashMap<>();

    record Remote(FrameworkDriver driver, ConfirmedQueue<FrameworkEvent> events) {
    }

    /** A scheduler that turns every callback into a queued event. */
    static final class QueueingScheduler implements Scheduler {
        final ConfirmedQueue<FrameworkEvent> events = new ConfirmedQueue<>();

        @Override
        public void registered(String frameworkId) {
            events.add(FrameworkEvent.registered(frameworkId));
        }

        @Override
        public void offers(List<Offer> offers) {
            events.add(FrameworkEvent.offers(offers));
        }

        @Override
        public void rescinded(String offerId) {
            events.add(FrameworkEvent.rescinded(offerId));
        }

        @Override
        public void statusUpdate(TaskStatus status) {
            events.add(FrameworkEvent.update(status));
        }

        @Override
        public void error(String message) {
            events.add(FrameworkEvent.error(message));
        }
    }

    CompletableFuture<String> register(MasterHolder holder, FrameworkInfo info) {
        QueueingScheduler scheduler = new QueueingScheduler();
        return holder.leader().registerFramework(info, scheduler).thenApply(driver -> {
            remotes.put(driver.frameworkId(), new Remote(driver, scheduler.events));
            return driver.frameworkId();
        });
    }

    Remote get(String frameworkId) {
        Remote r = remotes.get(frameworkId);
        if (r == null) {
            throw new jakarta.ws.rs.NotFoundException("framework " + frameworkId
                    + " is not registered with this master; register (again) with POST /v1/frameworks");
        }
        return r;
    }

    void remove(String frameworkId) {
        remotes.remove(frameworkId);
    }
}
