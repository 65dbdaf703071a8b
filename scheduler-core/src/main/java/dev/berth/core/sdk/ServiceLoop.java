package dev.berth.core.sdk;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * The one thread of a service's scheduler: the master's callbacks, operator commands, the package's
 * answers and the master's answers to accepts all run here, one at a time and in order, so the
 * scheduler's state needs no lock. After each piece of work the loop runs {@code afterEach} (the
 * scheduler publishes its snapshot there).
 *
 * <p>The executor is injected: a service runs on a thread of its own ({@link #ownThread}); a test runs
 * the loop's work itself, step by step, with no clock to wait on.
 */
final class ServiceLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServiceLoop.class);

    private final String service;
    private final Executor executor;
    private final Runnable onClose;
    private volatile Runnable afterEach = () -> { };
    private volatile boolean closed;

    ServiceLoop(String service, Executor executor) {
        this(service, executor, () -> { });
    }

    private ServiceLoop(String service, Executor executor, Runnable onClose) {
        this.service = service;
        this.executor = executor;
        this.onClose = onClose;
    }

    /** A loop on a daemon thread of its own, {@code service-NAME}, stopped by {@link #close}. */
    static ServiceLoop ownThread(String service) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "service-" + service);
            t.setDaemon(true);
            return t;
        });
        // shutdown, not shutdownNow: work already queued still runs, finds the loop closed and fails its
        // future, so no caller waits forever on work that was dropped
        return new ServiceLoop(service, thread, thread::shutdown);
    }

    /** What runs after each piece of work, on the loop. */
    void afterEach(Runnable r) {
        this.afterEach = r;
    }

    /** Runs {@code work} on the loop; the future completes with its result, or its failure. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(stopped());
            return result;
        }
        try {
            executor.execute(() -> {
                if (closed) {
                    result.completeExceptionally(stopped());
                    return;
                }
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    LOG.errorf(e, "service %s: event failed", service);
                    result.completeExceptionally(e);
                } finally {
                    afterEach.run();
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(stopped());
        }
        return result;
    }

    /** Runs {@code work} on the loop, for its effect. */
    void execute(Runnable work) {
        submit(() -> {
            work.run();
            return null;
        });
    }

    private IllegalStateException stopped() {
        return new IllegalStateException("service " + service + " is stopped");
    }

    /** No more work runs; work submitted from now on fails with "service NAME is stopped". */
    @Override
    public void close() {
        closed = true;
        onClose.run();
    }
}
