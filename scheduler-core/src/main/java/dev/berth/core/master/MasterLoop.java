package dev.berth.core.master;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The master's one event thread: every change of its state runs here, so no two interleave. Calls from
 * agents, frameworks and the API are submitted and answered through futures; periodic work (allocation,
 * timeouts, retries) is scheduled on it too.
 */
final class MasterLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MasterLoop.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-master");
        t.setDaemon(true);
        return t;
    });

    /**
     * Answers of calls not yet run: a call the loop drops when it stops is answered {@link TermEndedException},
     * never left waiting.
     */
    private final Set<CompletableFuture<?>> unanswered = ConcurrentHashMap.newKeySet();

    /** Runs {@code work} on the loop; the future completes with its result or its failure. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        unanswered.add(result);
        result.whenComplete((r, e) -> unanswered.remove(result));
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new TermEndedException());
        }
        return result;
    }

    /** Runs {@code work} on the loop for its effect. */
    void execute(Runnable work) {
        submit(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} every {@code period}; a failure is logged and the next run goes ahead. */
    void every(Duration period, Runnable work) {
        long ms = period.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("master event failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The loop's scheduler, for timers that must fire on it (an agent's long poll). */
    ScheduledExecutorService scheduler() {
        return thread;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        answerDropped();
    }

    private void answerDropped() {
        for (CompletableFuture<?> f : List.copyOf(unanswered)) {
            f.completeExceptionally(new TermEndedException());
        }
    }

    /**
     * Stops the loop, waits up to {@code grace} for the work it was doing to end, then runs {@code last} on the
     * caller's thread: the loop's state is the caller's alone from then on. When the work does not end in time
     * (a call that ignores interruption), {@code last} is skipped and answered false.
     */
    boolean close(Duration grace, Runnable last) {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("the master's event thread did not stop within %s", grace);
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            answerDropped(); // after the call that was running has answered for itself
        }
        last.run();
        return true;
    }
}
