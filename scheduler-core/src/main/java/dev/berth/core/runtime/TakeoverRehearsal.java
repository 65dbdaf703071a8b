package dev.berth.core.runtime;

import dev.berth.core.access.SecretCipher;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.state.StoreWrites;
import dev.berth.core.sdk.state.ZkStateStore;
import dev.berth.core.state.Registry;
import dev.berth.core.state.ZkRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.jboss.logging.Logger;

/**
 * While a master stands by, it reads what a takeover reads (the registry, every service's state and
 * package) and throws it away, until it has once seen agents, tasks and services: then every kind of record
 * has been parsed. A JVM's first takeover otherwise spends one to two seconds of its failover in first-use
 * work (class loading, JSON binders, package files), as MultiHostIT's failover measured. Nothing is written:
 * a standby has no term to write in.
 */
final class TakeoverRehearsal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TakeoverRehearsal.class);
    private static final StoreWrites NO_WRITES = ops -> {
        throw new IllegalStateException("a standby's rehearsal of the takeover writes nothing");
    };

    private final CuratorFramework curator;
    private final String root;
    private final SecretCipher cipher;
    private final PackageRepository packages;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-rehearsal");
        t.setDaemon(true);
        return t;
    });

    TakeoverRehearsal(CuratorFramework curator, String root, SecretCipher cipher, PackageRepository packages) {
        this.curator = curator;
        this.root = root;
        this.cipher = cipher;
        this.packages = packages;
    }

    /** Rehearses now and then every {@code periodSeconds} until one rehearsal has seen a whole cluster. */
    void start(long periodSeconds) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader(); // packages' hooks load through it
        timer.scheduleWithFixedDelay(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            if (rehearse()) {
                timer.shutdown();
            }
        }, 0, periodSeconds, TimeUnit.SECONDS);
    }

    /** Reads as a takeover does; whether the cluster had agents, tasks and services to read. */
    boolean rehearse() {
        try {
            packages.list();
            Registry.Snapshot registry = ZkRegistry.read(curator, root);
            List<String> services = ZkStateStore.services(curator, root);
            for (String service : services) {
                ZkStateStore store = new ZkStateStore(curator, root, service, cipher, NO_WRITES).prefetch();
                store.target().ifPresent(t -> packages.find(t.packageName()));
                store.podInstances();
                store.tasks();
                store.intents();
                store.plans();
            }
            return !registry.agents().isEmpty() && !registry.tasks().isEmpty() && !services.isEmpty();
        } catch (RuntimeException e) {
            // a takeover would meet the same and say so; the standby only tries again later
            LOG.debugf("a standby's rehearsal of the takeover failed: %s", e.getMessage());
            return false;
        }
    }

    /** The master leads or closes: its JVM has done the work for real, or needs it no more. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
