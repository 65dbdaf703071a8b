package dev.berth.core.spec;

import java.util.Objects;

/**
 * A named port a task needs: a fixed number, or 0 for any port the agent offers. The task sees it as
 * the environment variable {@code envKey} (default {@code PORT_<NAME>}); when {@code endpoint} is set
 * the service advertises it under that endpoint name ({@code broker}: {@code host:port,…}).
 */
public record PortSpec(String name, int port, String envKey, String endpoint) {
    public PortSpec {
        Objects.requireNonNull(name, "name");
        envKey = envKey == null || envKey.isBlank() ? "PORT_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') : envKey;
        endpoint = endpoint == null ? "" : endpoint;
    }
}
