package dev.berth.core.master;

import dev.berth.core.framework.Offer;
import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A framework for tests: records what the master tells it and lets the test wait for it. */
final class RecordingScheduler implements Scheduler {
    final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
    final BlockingQueue<TaskStatus> statuses = new LinkedBlockingQueue<>();
    final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<String> rescinded = new LinkedBlockingQueue<>();
    volatile String frameworkId;

    @Override
    public void registered(String id) {
        frameworkId = id;
    }

    @Override
    public void offers(List<Offer> o) {
        offers.addAll(o);
    }

    @Override
    public void rescinded(String offerId) {
        rescinded.add(offerId);
    }

    @Override
    public void statusUpdate(TaskStatus status) {
        statuses.add(status);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }

    Offer nextOffer(Duration within) {
        return take(offers, within, o -> true, "an offer");
    }

    Offer nextOfferFrom(String agentId, Duration within) {
        return take(offers, within, o -> o.agentId().equals(agentId), "an offer of agent " + agentId);
    }

    TaskStatus nextStatus(Duration within, Predicate<TaskStatus> matching) {
        return take(statuses, within, matching, "a matching status update");
    }

    static <T> T take(BlockingQueue<T> queue, Duration within, Predicate<T> matching, String what) {
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
}
