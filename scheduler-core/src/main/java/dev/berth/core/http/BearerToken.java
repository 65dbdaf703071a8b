package dev.berth.core.http;

import java.util.Objects;

/**
 * The token a client sends as {@code Authorization: Bearer}. A type of its own so that it never prints:
 * its {@code toString} hides the value, whatever record or log line it ends up in.
 */
public final class BearerToken {
    private final String value;

    private BearerToken(String value) {
        this.value = Objects.requireNonNull(value, "token");
    }

    public static BearerToken of(String value) {
        return new BearerToken(value);
    }

    /** The value, for the header only. */
    String header() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
