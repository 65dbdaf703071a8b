package dev.berth.core.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.core.json.BerthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credentials file, like a kubeconfig: who one is ({@code principal}), the bearer {@code token}, and the
 * {@code masters} to call. Written owner-only (0600); a file that others may read is refused, so a token
 * never sits where another user can take it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Credentials(String principal, String token, List<String> masters) {
    /** The environment variable that names a credentials file for the CLI. */
    public static final String ENV = "BERTH_CREDENTIALS";

    public Credentials {
        Principals.requireValidName(principal);
        if (token == null || !token.startsWith(Tokens.PREFIX)) {
            throw new IllegalArgumentException("token: not a Berth token; expected one that starts with " + Tokens.PREFIX);
        }
        masters = masters == null ? List.of() : List.copyOf(masters);
    }

    /** Never the token: a record's default toString would put it in a log. */
    @Override
    public String toString() {
        return "Credentials[principal=" + principal + ", masters=" + masters + "]";
    }

    public static Credentials read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("credentials: no file at " + file);
            }
            OwnerOnlyFiles.requireOwnerOnly(file, "credentials");
            return BerthJson.fromBytes(Files.readAllBytes(file), Credentials.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials " + file, e);
        }
    }

    /** Writes the file owner-only, atomically (a reader never sees half a file or a readable one). */
    public void write(Path file) {
        try {
            OwnerOnlyFiles.write(file, BerthJson.toBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials " + file, e);
        }
    }

    /**
     * The credentials a client uses: {@code --credentials FILE} if given, else the file named by
     * {@code $BERTH_CREDENTIALS}, else {@code ./berth-data/credentials} (what {@code berth up} in this folder
     * wrote), else {@code ~/.berth/credentials}.
     */
    public static Optional<Credentials> find(Optional<Path> given, Map<String, String> env, Path workDir, Path home) {
        if (given.isPresent()) {
            return Optional.of(read(given.get()));
        }
        if (env.containsKey(ENV) && !env.get(ENV).isBlank()) {
            return Optional.of(read(Path.of(env.get(ENV))));
        }
        for (Path candidate : List.of(workDir.resolve("berth-data/credentials"), home.resolve(".berth/credentials"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(read(candidate));
            }
        }
        return Optional.empty();
    }
}
