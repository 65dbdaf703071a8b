package dev.berth.core.api;

import java.util.Optional;

/**
 * DNS rebinding: a web page can make a browser send requests to 127.0.0.1 under its own host name. An API
 * bound to loopback therefore answers only requests whose {@code Host} names a loopback address.
 */
final class LoopbackHosts {
    private LoopbackHosts() {
    }

    /** Why a request with this Host is refused, when the API listens on {@code bindHost}; empty when it is fine. */
    static Optional<String> refusal(String bindHost, String hostHeader) {
        if (!isLoopback(bindHost)) {
            return Optional.empty();
        }
        String host = hostOnly(hostHeader == null ? "" : hostHeader);
        if (isLoopback(host)) {
            return Optional.empty();
        }
        return Optional.of("Host '" + hostHeader + "' is not a loopback address; this API listens on " + bindHost
                + " and answers only requests to a loopback host (127.0.0.1, localhost, [::1])");
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String hostOnly(String header) {
        if (header.startsWith("[")) {
            int end = header.indexOf(']');
            return end < 0 ? header : header.substring(0, end + 1);
        }
        int colon = header.indexOf(':');
        return colon < 0 ? header : header.substring(0, colon);
    }
}
