package dev.berth.core.framework;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.http.BearerToken;
import dev.berth.core.http.JsonHttp;
import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.Sequenced;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A framework outside the master process: registers over HTTP, drains its events by long polls and
 * hands them to a local {@link Scheduler}, one at a time and in order. When the master it talks to
 * fails over, the new leader does not know the connection; the framework registers again with the
 * same id and carries on with its tasks.
 */
public final class RemoteFramework implements FrameworkDriver, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RemoteFramework.class);
    private static final TypeReference<List<Sequenced<FrameworkEvent>>> EVENTS = new TypeReference<>() {
    };

    private final JsonHttp http;
    private final Scheduler scheduler;
    private volatile FrameworkInfo info;
    private volatile String frameworkId;
    private volatile boolean running = true;
    private final ExecutorService pump = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "framework-events");
        t.setDaemon(true);
        return t;
    });

    private RemoteFramework(JsonHttp http, FrameworkInfo info, Scheduler scheduler) {
        this.http = http;
        this.info = info;
        this.scheduler = scheduler;
    }

    /** The masters at {@code masters} as a connector: each registration is a framework of its own over HTTP. */
    public static FrameworkConnector connector(List<String> masters, BearerToken token) {
        return (info, scheduler) -> CompletableFuture.supplyAsync(() -> register(masters, token, info, scheduler));
    }

    /**
     * Registers as the principal of {@code token} (which must be {@code info}'s principal) and starts delivering
     * events; returns once the master gave the framework its id.
     */
    public static RemoteFramework register(List<String> masters, BearerToken token, FrameworkInfo info, Scheduler scheduler) {
        RemoteFramework f = new RemoteFramework(new JsonHttp(masters, token), info, scheduler);
        f.registerNow();
        f.pump.execute(f::pumpEvents);
        return f;
    }

    /** The last event sequence handled; a new registration (a new master) starts a new sequence. */
    private volatile long confirmed;
    private volatile String session;

    private synchronized void registerNow() {
        FrameworkCalls.Registered r = http.post("/v1/frameworks", info, FrameworkCalls.Registered.class, Duration.ofSeconds(30));
        // the master confirms with a REGISTERED event too; offers of an earlier master are void from here
        frameworkId = r.frameworkId();
        info = info.withId(frameworkId);
        session = r.session();
        confirmed = 0;
    }

    private void pumpEvents() {
        while (running) {
            try {
                List<Sequenced<FrameworkEvent>> events = http.post(path("events"),
                        new FrameworkCalls.Poll(session, confirmed, 20_000), EVENTS, Duration.ofSeconds(40));
                for (Sequenced<FrameworkEvent> e : events) {
                    if (e.sequence() > confirmed) {
                        deliver(e.item());
                        confirmed = e.sequence();
                    }
                }
            } catch (JsonHttp.ApiException e) {
                if (e.status() == 404 && running) {
                    LOG.infof("master does not know framework %s (failover?): registering again", frameworkId);
                    retry(this::registerNow);
                } else {
                    pause(e);
                }
            } catch (RuntimeException e) {
                pause(e);
            }
        }
    }

    /** Hands an event to the local scheduler, as the callback its type names. */
    private void deliver(FrameworkEvent e) {
        switch (e.type()) {
            case "REGISTERED" -> scheduler.registered(this, e.frameworkId());
            case "OFFERS" -> scheduler.offers(e.offers());
            case "RESCINDED" -> scheduler.rescinded(e.offerId());
            case "UPDATE" -> scheduler.statusUpdate(e.status());
            case "ERROR" -> scheduler.error(e.message());
            default -> throw new IllegalArgumentException("unknown framework event type " + e.type());
        }
    }

    private void retry(Runnable r) {
        while (running) {
            try {
                r.run();
                return;
            } catch (RuntimeException e) {
                pause(e);
            }
        }
    }

    private void pause(Exception e) {
        if (!running) {
            return;
        }
        LOG.warnf("framework %s: call to the master failed, retrying: %s", frameworkId, e.getMessage());
        try {
            Thread.sleep(500);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public String frameworkId() {
        return frameworkId;
    }

    public Optional<String> currentMaster() {
        return Optional.ofNullable(http.currentMaster());
    }

    private String path(String call) {
        return "/v1/frameworks/" + frameworkId + "/" + call;
    }

    /**
     * Posts a driver call; when the master does not know this framework (it failed over since), the
     * framework registers again with its id and the call is made once more.
     */
    private void call(String name, Object body) {
        try {
            http.post(path(name), body, Void.class, Duration.ofSeconds(60));
        } catch (JsonHttp.ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            registerNow();
            http.post(path(name), body, Void.class, Duration.ofSeconds(60));
        }
    }

    @Override
    public CompletableFuture<Void> accept(List<String> offerIds, List<Operation> operations, Duration refuseFor) {
        return CompletableFuture.runAsync(() -> {
            try {
                call("accept", new FrameworkCalls.Accept(offerIds, operations, refuseFor.toSeconds()));
            } catch (JsonHttp.ApiException e) {
                if (e.status() == 409) {
                    throw AcceptRefusedException.fromRemote(e.getMessage());
                }
                if (e.status() == 403) {
                    throw new AccessDeniedException(e.getMessage());
                }
                throw e;
            }
        });
    }

    @Override
    public void decline(String offerId, Duration refuseFor) {
        call("decline", new FrameworkCalls.Decline(offerId, refuseFor.toSeconds()));
    }

    @Override
    public void kill(String taskId) {
        call("kill", new FrameworkCalls.Kill(taskId));
    }

    @Override
    public void acknowledge(String taskId, String statusUuid) {
        call("acknowledge", new FrameworkCalls.Acknowledge(taskId, statusUuid));
    }

    @Override
    public void reconcile(List<String> taskIds) {
        call("reconcile", new FrameworkCalls.Reconcile(taskIds));
    }

    @Override
    public void suppress() {
        call("suppress", null);
    }

    @Override
    public void revive() {
        call("revive", null);
    }

    @Override
    public void teardown() {
        call("teardown", null);
        close();
    }

    /** Stops polling; the master keeps the framework's tasks for its failover timeout. */
    @Override
    public void close() {
        running = false;
        pump.shutdownNow();
    }
}
