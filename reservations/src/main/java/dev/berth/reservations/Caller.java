package dev.berth.reservations;

import java.util.Objects;

/** Who asks for an operation: a framework's principal and the role it runs under. */
public record Caller(Principal principal, Role role) {
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }

    public static Caller of(String principal, String role) {
        return new Caller(Principal.of(principal), Role.of(role));
    }
}
