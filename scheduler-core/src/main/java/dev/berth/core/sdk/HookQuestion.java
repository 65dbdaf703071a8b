package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.ServiceHooks;

/**
 * A question the API asks a service's package directly, on the API's thread (what it shows of its own, whether
 * a plan may start): the hooks and what they see of the service now.
 */
@FunctionalInterface
public interface HookQuestion<T> {
    T ask(ServiceHooks hooks, HookContext context) throws Exception;
}
