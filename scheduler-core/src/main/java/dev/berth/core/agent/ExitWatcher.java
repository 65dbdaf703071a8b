package dev.berth.core.agent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Notices when a watched process has ended, by polling {@code /proc} for its identity (pid and start
 * time). The same path serves tasks this agent spawned and tasks it re-attached to after a restart,
 * which are not its children and cannot be waited for; {@link #checkSoon()} shortens the wait when a
 * faster signal (an own child's {@code Process.onExit}) says something ended.
 */
final class ExitWatcher {
    private static final Logger LOG = Logger.getLogger(ExitWatcher.class);

    private record Watch(ProcessIdentity identity, Runnable onExit) {
    }

    private final ScheduledExecutorService executor;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> poller;

    ExitWatcher(ScheduledExecutorService executor, Duration interval) {
        this.executor = executor;
        long millis = Math.max(10, interval.toMillis());
        this.poller = executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    void watch(String key, ProcessIdentity identity, Runnable onExit) {
        watches.put(key, new Watch(identity, onExit));
        checkSoon();
    }

    void checkSoon() {
        if (!executor.isShutdown()) {
            try {
                executor.execute(this::check);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: nothing to watch any more
            }
        }
    }

    private void check() {
        for (Map.Entry<String, Watch> e : watches.entrySet()) {
            Watch w = e.getValue();
            if (!w.identity().alive() && watches.remove(e.getKey(), w)) {
                try {
                    w.onExit().run();
                } catch (RuntimeException ex) {
                    LOG.errorf(ex, "handling the end of %s (pid %s) failed", e.getKey(), w.identity());
                }
            }
        }
    }

    void close() {
        poller.cancel(false);
        watches.clear();
    }
}
