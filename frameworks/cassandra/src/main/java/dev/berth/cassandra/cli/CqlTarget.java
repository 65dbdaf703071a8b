package dev.berth.cassandra.cli;

import dev.berth.cassandra.CqlSessions;
import dev.berth.cassandra.Login;
import dev.berth.core.client.ServiceClient;
import dev.berth.core.protocol.ServiceViews;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom {@code berth cassandra cql} connects, all from the master: the contact points of the
 * service's native-client endpoint, its data center, and, when cassandra.authentication is on, its
 * superuser with the password kept as the service's secret superuser_password, and, when cassandra.tls is on, the
 * CA certificate of its {@code ca} endpoint, which the session trusts.
 */
record CqlTarget(String contactPoints, String datacenter, Optional<Login> login, Optional<String> trustedCa) {
    static final String PASSWORD_SECRET = "superuser_password";

    /** Asks the master; an unknown service, or one not deployed yet, fails with the master's own message. */
    static CqlTarget of(ServiceClient services, String service) {
        Map<String, Object> options = services.configurations(service).target().options();
        String contactPoints = services.endpoint(service, CqlSessions.NATIVE_CLIENT).joined();
        Optional<Login> login = Optional.empty();
        if (Boolean.parseBoolean(option(options, "cassandra.authentication"))) {
            login = Optional.of(new Login(option(options, "cassandra.superuser"),
                    services.secret(service, PASSWORD_SECRET).value()));
        }
        Optional<String> ca = Boolean.parseBoolean(option(options, "cassandra.tls"))
                ? Optional.of(services.endpoint(service, ServiceViews.EndpointView.CA).certificate()) : Optional.empty();
        return new CqlTarget(contactPoints, option(options, "cassandra.datacenter"), login, ca);
    }

    /** An option of the service's target configuration as text; empty when it has none. */
    private static String option(Map<String, Object> options, String key) {
        return Objects.toString(options.get(key), "");
    }
}
