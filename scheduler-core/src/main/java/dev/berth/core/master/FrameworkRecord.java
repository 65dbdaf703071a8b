package dev.berth.core.master;

import dev.berth.core.framework.Scheduler;
import dev.berth.core.protocol.FrameworkInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registered framework. Its callbacks run on an executor of its own, one at a time and in order,
 * so a slow framework never stalls the master and may call the master back from a callback.
 */
final class FrameworkRecord {
    FrameworkInfo info;
    Scheduler scheduler;
    ExecutorService callbacks;
    /** When it went away; empty while connected. */
    Optional<Instant> disconnectedAt = Optional.empty();

    FrameworkRecord(FrameworkInfo info) {
        this.info = info;
    }

    String id() {
        return info.id().orElseThrow();
    }

    boolean connected() {
        return scheduler != null;
    }

    void connect(Scheduler s) {
        disconnect();
        scheduler = s;
        callbacks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "framework-" + info.name());
            t.setDaemon(true);
            return t;
        });
        disconnectedAt = Optional.empty();
    }

    void disconnect() {
        if (callbacks != null) {
            Scheduler s = scheduler;
            callbacks.execute(s::disconnected); // after every callback already queued
            callbacks.shutdown();
        }
        scheduler = null;
        callbacks = null;
    }

    /** Runs a callback on the framework's own thread, if it is connected. */
    void call(java.util.function.Consumer<Scheduler> callback) {
        Scheduler s = scheduler;
        ExecutorService e = callbacks;
        if (s != null && e != null && !e.isShutdown()) {
            e.execute(() -> callback.accept(s));
        }
    }
}
