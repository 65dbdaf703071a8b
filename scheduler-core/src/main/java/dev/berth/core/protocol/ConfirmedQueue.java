package dev.berth.core.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stream delivered at least once over long polls: items get increasing sequence numbers and stay
 * until the receiver confirms a sequence at or past them in a later poll. A poll with nothing new
 * waits until an item arrives or its time is up. Used for commands to agents and events to remote
 * frameworks alike.
 */
public final class ConfirmedQueue<T> {
    private final List<Sequenced<T>> pending = new ArrayList<>();
    private long nextSequence = 1;
    private CompletableFuture<List<Sequenced<T>>> waiting;
    /** Why the queue was closed: a waiting poll and every later one fail with it. Null while open. */
    private RuntimeException closedBy;

    public synchronized long add(T item) {
        long seq = nextSequence++;
        pending.add(new Sequenced<>(seq, item));
        if (waiting != null) {
            CompletableFuture<List<Sequenced<T>>> w = waiting;
            waiting = null;
            w.complete(List.copyOf(pending));
        }
        return seq;
    }

    /**
     * Adds the item unless an equal one still waits for confirmation: a status update the master sends
     * again (no acknowledgement yet) to a receiver that has not confirmed the first copy needs no second,
     * so a receiver that stops polling holds one copy per update, not one per retry.
     */
    public synchronized long addUnlessPending(T item) {
        for (Sequenced<T> s : pending) {
            if (s.item().equals(item)) {
                return s.sequence();
            }
        }
        return add(item);
    }

    /**
     * Drops what is confirmed and answers the rest, at once when there is any, else when the next item
     * comes or {@code wait} has passed (then with nothing). A newer poll ends an older waiting one.
     *
     * @throws java.util.concurrent.RejectedExecutionException when {@code timer} no longer takes work, and
     *     the poll would have to wait
     */
    public synchronized CompletableFuture<List<Sequenced<T>>> poll(long confirmed, Duration wait,
                                                                   ScheduledExecutorService timer) {
        if (closedBy != null) {
            return CompletableFuture.failedFuture(closedBy);
        }
        pending.removeIf(s -> s.sequence() <= confirmed);
        if (waiting != null) {
            waiting.complete(List.of());
            waiting = null;
        }
        if (!pending.isEmpty() || wait.isZero()) {
            return CompletableFuture.completedFuture(List.copyOf(pending));
        }
        CompletableFuture<List<Sequenced<T>>> w = new CompletableFuture<>();
        // scheduled first: a timer that is shutting down refuses (RejectedExecutionException) and this poll
        // changes nothing, instead of leaving a waiting poll that no one holds
        timer.schedule(() -> expire(w), wait.toMillis(), TimeUnit.MILLISECONDS);
        waiting = w;
        return w;
    }

    private synchronized void expire(CompletableFuture<List<Sequenced<T>>> w) {
        if (waiting == w) {
            waiting = null;
        }
        w.complete(List.of());
    }

    /**
     * Ends the stream: a waiting poll fails with {@code why} at once, as does every later poll. The
     * receiver of a queue whose feeder is gone (a master whose term ended) learns it now, not when its
     * poll's wait is up.
     */
    public synchronized void close(RuntimeException why) {
        closedBy = why;
        if (waiting != null) {
            CompletableFuture<List<Sequenced<T>>> w = waiting;
            waiting = null;
            w.completeExceptionally(why);
        }
    }

    /** Forgets everything not yet confirmed (the receiver starts over and reports its state instead). */
    public synchronized void clear() {
        pending.clear();
    }

    public synchronized int size() {
        return pending.size();
    }
}
