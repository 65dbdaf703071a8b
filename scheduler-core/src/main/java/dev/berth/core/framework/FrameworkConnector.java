package dev.berth.core.framework;

import dev.berth.core.protocol.FrameworkInfo;
import java.util.concurrent.CompletableFuture;

/**
 * How a framework reaches a master: it registers its {@link Scheduler} and from then on hears the
 * master through it and calls the master through the {@link FrameworkDriver} its first callback,
 * {@link Scheduler#registered}, hands it. The leading master implements this in process;
 * {@link RemoteFramework#connector} does the same over HTTP, so a service run inside the master and a
 * framework on another machine are treated alike.
 */
public interface FrameworkConnector {
    /**
     * Registers (no id in {@code info}) or registers again (its id) and completes with the framework's
     * driver once the master holds the registration; the scheduler's {@code registered} callback, which
     * carries the same driver, comes before any offer or status update.
     */
    CompletableFuture<FrameworkDriver> register(FrameworkInfo info, Scheduler scheduler);
}
