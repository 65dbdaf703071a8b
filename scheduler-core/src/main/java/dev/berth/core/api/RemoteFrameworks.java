package dev.berth.core.api;

import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.master.Master;
import dev.berth.core.master.TermEndedException;
import dev.berth.core.protocol.ConfirmedQueue;
import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.Sequenced;
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
 *
 * <p>A session belongs to the {@link Master} it registered with, one leadership term of this process. This
 * bean outlives terms: a master that loses the lead and wins it again runs a new {@code Master}, whose
 * frameworks are those recovered from the registry, disconnected. A session of the earlier term is answered
 * 404 (register again), never served: its queue is fed by nobody and its driver talks to a closed master.
 */
@ApplicationScoped
public class RemoteFrameworks {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "framework-polls");
        t.setDaemon(true);
        return t;
    });
    /** A framework that has not polled for this long is taken as gone: its failover timeout starts. */
    static final java.time.Duration SILENCE = java.time.Duration.ofSeconds(20);

    private final Map<String, Remote> remotes = new ConcurrentHashMap<>();

    static final class Remote {
        final FrameworkDriver driver;
        final ConfirmedQueue<FrameworkEvent> events;
        final String session = java.util.UUID.randomUUID().toString();
        final String principal;
        /** The leadership term (this process's master of that term) the session was opened with. */
        final Master term;
        volatile java.time.Instant lastPoll = java.time.Instant.now();

        Remote(Master term, FrameworkDriver driver, ConfirmedQueue<FrameworkEvent> events, String principal) {
            this.term = term;
            this.principal = principal;
            this.driver = driver;
            this.events = events;
        }

        FrameworkDriver driver() {
            return driver;
        }

        /** A long poll for events; it also shows the framework is alive. */
        CompletableFuture<List<Sequenced<FrameworkEvent>>> poll(String pollSession, long confirmed,
                java.time.Duration wait, ScheduledExecutorService timer) {
            lastPoll = java.time.Instant.now();
            return events.poll(session.equals(pollSession) ? confirmed : 0, wait, timer);
        }
    }

    RemoteFrameworks() {
        timer.scheduleWithFixedDelay(this::dropSilent, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Frameworks that stopped polling are disconnected; when they poll again they register again. */
    private void dropSilent() {
        java.time.Instant due = java.time.Instant.now().minus(SILENCE.plusMillis(AgentProtocolResource.MAX_WAIT_MS));
        remotes.forEach((id, r) -> {
            if (r.lastPoll.isBefore(due) && remotes.remove(id, r) && holder != null) {
                // only the master of the session's own term: a later one knows the framework as disconnected already
                holder.current().filter(m -> m == r.term).ifPresent(m -> m.disconnectFramework(id));
            }
        });
    }

    @jakarta.inject.Inject
    MasterHolder holder;

    /** A scheduler that turns every callback into a queued event. */
    static final class QueueingScheduler implements Scheduler {
        final ConfirmedQueue<FrameworkEvent> events = new ConfirmedQueue<>();

        @Override
        public void registered(FrameworkDriver driver, String frameworkId) {
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
            events.addUnlessPending(FrameworkEvent.update(status)); // the master retries until acknowledged
        }

        @Override
        public void error(String message) {
            events.add(FrameworkEvent.error(message));
        }

        /** A poll waiting on this queue is answered 503 at once: the framework goes to find the leader. */
        @Override
        public void disconnected() {
            events.close(new TermEndedException());
        }
    }

    CompletableFuture<FrameworkCalls.Registered> register(FrameworkInfo info) {
        QueueingScheduler scheduler = new QueueingScheduler();
        Master term = holder.leader();
        return term.register(info, scheduler).thenApply(driver -> {
            Remote r = new Remote(term, driver, scheduler.events, info.principal().name());
            remotes.put(driver.frameworkId(), r);
            return new FrameworkCalls.Registered(driver.frameworkId(), r.session);
        });
    }

    /**
     * The framework, for the principal that registered it; another principal is refused (403). A standby answers
     * 503 naming the leader; a session of an earlier leadership term is dropped and answered 404, as one this
     * master never knew, and the framework registers again with its id.
     */
    Remote get(String frameworkId, String principal) {
        Master leading = holder.leader();
        Remote r = remotes.get(frameworkId);
        if (r != null && r.term != leading && remotes.remove(frameworkId, r)) {
            throw new jakarta.ws.rs.NotFoundException("framework " + frameworkId + " registered in an earlier leadership"
                    + " term of this master, which lost the lead and took it again since; its session is gone:"
                    + " register again with its id with POST /v1/frameworks");
        }
        if (r == null || r.term != leading) {
            throw new jakarta.ws.rs.NotFoundException("framework " + frameworkId
                    + " is not registered with this master; register (again) with POST /v1/frameworks");
        }
        if (!r.principal.equals(principal)) {
            String why = "framework " + frameworkId + " belongs to principal '" + r.principal + "'";
            throw Authorizer.deny(principal, Action.REGISTER_FRAMEWORK, frameworkId, why);
        }
        return r;
    }

    void remove(String frameworkId) {
        remotes.remove(frameworkId);
    }
}
