package dev.berth.core.runtime;

import dev.berth.core.access.Credentials;
import dev.berth.core.access.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The credentials {@code berth up} keeps in its data directory, made at the first start and kept for the
 * next: the admin's ({@code berth-data/credentials}, which the CLI in the same folder finds by itself) and
 * each agent's ({@code berth-data/agents/agent-N/credentials}). Owner-only files; the master keeps only
 * the tokens' hashes.
 */
final class UpCredentials {
    private UpCredentials() {
    }

    /** The credentials at {@code file} for {@code principal}, made now if there are none; masters set to {@code url}. */
    static Credentials at(Path file, String principal, String url) {
        Credentials c = Files.isRegularFile(file) ? Credentials.read(file)
                : new Credentials(principal, Tokens.newToken(), List.of(url));
        if (!c.principal().equals(principal)) {
            throw new IllegalArgumentException("credentials: " + file + " is for principal '" + c.principal()
                    + "', expected '" + principal + "'; remove it to make new ones");
        }
        Credentials current = new Credentials(principal, c.token(), List.of(url));
        if (!current.equals(c) || !Files.isRegularFile(file)) {
            current.write(file);
        }
        return current;
    }
}
