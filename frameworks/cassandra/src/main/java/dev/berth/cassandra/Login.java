package dev.berth.cassandra;

import dev.berth.core.sdk.hooks.HookContext;
import java.util.Objects;
import java.util.Optional;

/**
 * The superuser the package logs in with, over JMX and CQL, when cassandra.authentication is on: the
 * role cassandra.superuser and the service's secret superuser_password. Its {@link #toString()} leaves
 * the password out, so it never reaches a log line.
 */
public record Login(String user, String password) {
    static final String SECRET = "superuser_password";

    public Login {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The login of the service, or empty when authentication is off. */
    static Optional<Login> of(HookContext context) {
        java.util.Map<String, Object> options = context.target().options();
        if (!Boolean.TRUE.equals(options.get(CassandraOptionRules.AUTHENTICATION))) {
            return Optional.empty();
        }
        String user = String.valueOf(options.get(CassandraOptionRules.SUPERUSER));
        String password = context.secrets().value(SECRET).orElseThrow(() -> new IllegalStateException(
                "the service has no secret '" + SECRET + "' although cassandra.authentication is on"));
        return Optional.of(new Login(user, password));
    }

    /** Cassandra's own default role and password, good until the deploy replaces it. */
    static Login defaultRole() {
        return new Login(CassandraOptionRules.DEFAULT_ROLE, CassandraOptionRules.DEFAULT_ROLE);
    }

    @Override
    public String toString() {
        return "Login[" + user + "]";
    }
}
