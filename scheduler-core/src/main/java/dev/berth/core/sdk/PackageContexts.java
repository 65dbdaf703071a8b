package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.Secrets;

/**
 * What a package's hooks see of a service when the API asks them directly (an update's or a plan start's
 * check, a view of the package's own): the service's latest snapshot and its secrets, read without a turn
 * of the service's loop.
 */
final class PackageContexts {
    private PackageContexts() {
    }

    static HookContext now(ServiceScheduler service, Secrets secrets) {
        ServiceSnapshot now = service.snapshot();
        return new HookContext(now.target(), now.pods(), now.tasks(), now.endpoints(), secrets,
                ServiceTls.trusted(now.target().spec(), service.store()));
    }
}
