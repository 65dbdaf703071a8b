package dev.berth.core.sdk;

import dev.berth.core.framework.FrameworkDriver;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The service's calls to the master, through the driver its registration brought, and what it asked
 * that has not happened yet: whether offers are suppressed, which tasks it asked to kill (a kill is
 * asked once, not again at every offer, and a task that ends after one is not a failure). Before the
 * first registration there is no driver and nothing is sent: the registration that brings one
 * reconciles the tasks. Confined to the service loop.
 */
final class MasterLink {
    private static final Logger LOG = Logger.getLogger(MasterLink.class);

    private final String service;
    private final Set<String> kills = new HashSet<>();
    private FrameworkDriver driver;
    private boolean suppressed;

    MasterLink(String service) {
        this.service = service;
    }

    /** Registered (again): from now on calls go through {@code d}, and a master revives a framework that registers. */
    void registered(FrameworkDriver d) {
        driver = d;
        suppressed = false;
    }

    boolean connected() {
        return driver != null;
    }

    CompletableFuture<Void> accept(String offerId, List<Operation> operations, Duration refuseFor) {
        if (driver == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not registered with a master"));
        }
        return driver.accept(List.of(offerId), operations, refuseFor);
    }

    void decline(String offerId, Duration refuseFor) {
        if (driver != null) {
            driver.decline(offerId, refuseFor);
        }
    }

    /** Asks the master to kill the task's latest launch, once; {@code why} goes to the log. */
    void kill(TaskRecord task, String why) {
        if (kills.add(task.name())) {
            LOG.infof("service %s: killing %s %s", service, task.name(), why);
            if (driver != null) {
                driver.kill(task.info().taskId());
            }
        }
    }

    boolean killAsked(String taskName) {
        return kills.contains(taskName);
    }

    /** The task ended, or was launched again; true when its end was asked for (then it is no failure). */
    boolean killDone(String taskName) {
        return kills.remove(taskName);
    }

    void acknowledge(String taskId, String statusUuid) {
        if (driver != null) {
            driver.acknowledge(taskId, statusUuid);
        }
    }

    void reconcile(List<String> taskIds) {
        if (driver != null && !taskIds.isEmpty()) {
            driver.reconcile(taskIds);
        }
    }

    /** Asks for offers again (work appeared, or resources were freed that a waiting step wants). */
    void revive() {
        if (driver != null) {
            driver.revive();
            suppressed = false;
        }
    }

    boolean suppressed() {
        return suppressed;
    }

    /** Stops offers while the service has nothing to do. */
    void suppress() {
        if (driver != null && !suppressed) {
            driver.suppress();
            suppressed = true;
        }
    }

    void teardown() {
        if (driver != null) {
            driver.teardown();
        }
    }
}
