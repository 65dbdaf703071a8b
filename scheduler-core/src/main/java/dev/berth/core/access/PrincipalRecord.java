package dev.berth.core.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A principal as the master keeps it: its name, what it is for, when it was made, and the SHA-256 of its
 * token. The token itself is never stored; it is shown once, when made.
 */
public record PrincipalRecord(String name, String description, Instant created, String tokenSha256) {
    public PrincipalRecord {
        Principals.requireValidName(name);
        description = description == null ? "" : description;
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(tokenSha256, "tokenSha256");
    }
}
