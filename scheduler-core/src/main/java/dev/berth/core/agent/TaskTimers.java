package dev.berth.core.agent;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The task runner's one timer thread: kill grace periods, cgroup removal retries, limit checks, exit polls. */
final class TaskTimers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskTimers.class);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "berth-task-runner");
        t.setDaemon(true);
        return t;
    });

    TaskTimers() {
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code action} once after {@code delay}; null when the runner is closing. */
    ScheduledFuture<?> after(Duration delay, Runnable action) {
        try {
            return executor.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("task runner action failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code action} every {@code period}. */
    void every(Duration period, Runnable action) {
        long ms = period.toMillis();
        executor.scheduleWithFixedDelay(action, ms, ms, TimeUnit.MILLISECONDS);
    }

    ScheduledThreadPoolExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
