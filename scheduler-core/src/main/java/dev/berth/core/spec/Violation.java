package dev.berth.core.spec;

import java.util.Objects;

/**
 * One thing wrong with user input, tied to the field it is about ({@code pods.hello.count},
 * {@code hello.cpus}, {@code svc.yaml}), so that the API can name the offending field and the CLI can
 * print a line a user can act on: {@code pods.hello.count: 3 -> 2; scale-down needs decommission}.
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
