package dev.berth.core.testing;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A framework for tests: records what the master tells it and lets the test wait for it. Offers a
 * test does not take stay queued (and outstanding at the master) until a later wait takes them.
 * With {@link #acknowledgeWith} it acknowledges every status update on receipt, as a framework that
 * processes updates at once would.
 */
public final class RecordingScheduler implements Scheduler {
    public final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
    public final BlockingQueue<TaskStatus> statuses = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> rescinded = new LinkedBlockingQueue<>();
    public volatile String frameworkId;
    /** Counts down when the master drops this registration. */
    public final java.util.concurrent.CountDownLatch disconnected = new java.util.concurrent.CountDownLatch(1);
    private volatile FrameworkDriver acknowledger;

    public void acknowledgeWith(FrameworkDriver driver) {
        this.acknowledger = driver;
    }

    @Override
    public void registered(FrameworkDriver driver, String id) {
        frameworkId = id;
        offers.clear(); // offers of a master that failed over are void
    }

    @Override
    public void offers(List<Offer> o) {
        offers.addAll(o);
    }

    @Override
    public void rescinded(String offerId) {
        rescinded.add(offerId);
        offers.removeIf(o -> o.id().equals(offerId));
    }

    @Override
    public void statusUpdate(TaskStatus status) {
        statuses.add(status);
        FrameworkDriver d = acknowledger;
        if (d != null) {
            d.acknowledge(status.taskId(), status.uuid());
        }
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }

    public Offer nextOffer(Duration within) {
        return nextOffer(within, o -> true);
    }

    /** The first queued or arriving offer that satisfies {@code matching}; other offers stay queued. */
    public Offer nextOffer(Duration within, Predicate<Offer> matching) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (offers) {
                for (Iterator<Offer> it = offers.iterator(); it.hasNext(); ) {
                    Offer o = it.next();
                    if (matching.test(o)) {
                        it.remove();
                        return o;
                    }
                }
            }
            sleepBriefly();
        }
        throw new AssertionError("no matching offer within " + within + "; queued: " + offers);
    }

    public Offer nextOfferFrom(String agentId, Duration within) {
        return nextOffer(within, o -> o.agentId().equals(agentId));
    }

    /** The next status update that satisfies {@code matching}; updates before it are consumed. */
    public TaskStatus nextStatus(Duration within, Predicate<TaskStatus> matching) {
        return take(statuses, within, matching, "a matching status update");
    }

    public static <T> T take(BlockingQueue<T> queue, Duration within, Predicate<T> matching, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                T item = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (item != null && matching.test(item)) {
                    return item;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + what + " within " + within);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void disconnected() {
        disconnected.countDown();
    }
}
