package dev.berth.core.sdk.hooks;

import java.util.Objects;

/**
 * One address of an endpoint, {@code host:port}: where a pod instance serves it ({@code 127.0.0.3:31001}).
 * An endpoint's list of addresses ({@code {{endpoints.NAME}}}) is these joined by commas.
 */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' is not valid; expected an address such as 127.0.0.2");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is not valid; expected 1 to 65535");
        }
    }

    /** {@code 127.0.0.2:31000}; an error names the text and the form expected. */
    public static HostPort parse(String address) {
        String text = address == null ? "" : address.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address: '" + address + "' is not valid; expected HOST:PORT such as 127.0.0.2:31000");
        }
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address: '" + address + "' is not valid; expected HOST:PORT with a port of 1 to 65535");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
