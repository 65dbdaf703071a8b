package dev.berth.core.spec;

import java.util.Objects;

/**
 * A named port a task needs: a fixed number, or 0 for any port the agent offers. The task sees it as
 * the environment variable {@code envKey} (default {@code PORT_<NAME>}); when {@code endpoint} is set
 * the service advertises it under that endpoint name ({@code broker}: {@code host:port,…}).
 *
 * <p>{@code endpointInstances} limits the endpoint to the pod's first instances (index below it; 0 for
 * every instance): a pod whose instances all reserve a port but only some serve on it (Kafka's first
 * three brokers run the controllers) advertises only those, so a client handed the endpoint never tries
 * an address where nothing listens.
 */
public record PortSpec(String name, int port, String envKey, String endpoint, int endpointInstances) {
    public PortSpec {
        Objects.requireNonNull(name, "name");
        envKey = envKey == null || envKey.isBlank() ? "PORT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') : envKey;
        endpoint = endpoint == null ? "" : endpoint;
        if (endpointInstances < 0) {
            throw new IllegalArgumentException("endpointInstances: " + endpointInstances + "; expected 0 (every instance) or more");
        }
    }

    /** A port whose endpoint, if any, every instance advertises. */
    public PortSpec(String name, int port, String envKey, String endpoint) {
        this(name, port, envKey, endpoint, 0);
    }

    /** Whether the instance of index {@code index} advertises this port under its endpoint. */
    public boolean advertisedBy(int index) {
        return !endpoint.isEmpty() && (endpointInstances == 0 || index < endpointInstances);
    }
}
