package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.spec.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Asks a running service's package ({@link ServiceHooks#invalidUpdate}) which rules an update breaks that
 * only its database can tell, on a thread of its own so that a database that hangs costs the request at
 * most {@link #TIMEOUT}. Not knowing is no refusal: the package checks again where it carries the change
 * out, and an update must stay possible while the database is down (to repair it).
 */
final class UpdateCheck {
    private static final Logger LOG = Logger.getLogger(UpdateCheck.class);
    /** Long enough for a few questions to a healthy database, short for a request an operator waits on. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private UpdateCheck() {
    }

    /** The rules {@code next} (the update's options) breaks on the running service {@code service}. */
    static List<Violation> violations(ServiceScheduler service, Secrets secrets, Map<String, Object> next) {
        ServiceHooks hooks = service.hooks();
        if (hooks == ServiceHooks.NONE) {
            return List.of();
        }
        HookContext current = PackageContexts.now(service, secrets);
        CompletableFuture<List<Violation>> asked = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                asked.complete(List.copyOf(hooks.invalidUpdate(current, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(next)))));
            } catch (Exception | LinkageError e) {
                asked.completeExceptionally(e);
            }
        }, "update-check-" + service.name());
        t.setDaemon(true);
        t.start();
        try {
            return asked.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            LOG.warnf("service %s: the package did not check the update against the running service within %ss;"
                    + " letting it through", service.name(), TIMEOUT.toSeconds());
        } catch (ExecutionException | CompletionException e) {
            LOG.warnf("service %s: the package could not check the update against the running service (%s);"
                    + " letting it through", service.name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }
}
