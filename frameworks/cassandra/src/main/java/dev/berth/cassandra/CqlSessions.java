package dev.berth.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.tls.ClientTrust;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens CQL sessions on a service's nodes with the Apache Cassandra Java driver, for the package's
 * superuser step and {@code berth cassandra cql}: short-lived sessions, so no schema or token metadata
 * is fetched, closing does not linger, and every wait is bounded by the caller's timeout.
 */
public final class CqlSessions {
    /** The service's endpoint of CQL contact points. */
    public static final String NATIVE_CLIENT = "native-client";

    private CqlSessions() {
    }

    /** A login the nodes refused (a wrong password, or a role that does not exist yet). */
    public static final class LoginRefused extends Exception {
        LoginRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A session on {@code contactPoints} ({@code host:port,host:port}) in {@code datacenter}, logged in
     * as {@code login} when given. After a schema change the caller waits for agreement itself
     * ({@link #awaitSchemaAgreement}): with schema metadata off the driver does not wait for it.
     *
     * @throws LoginRefused when the nodes answered but refused the login
     * @throws AllNodesFailedException when no node could be reached
     */
    public static CqlSession open(String contactPoints, String datacenter, Optional<Login> login, Duration timeout)
            throws LoginRefused {
        return open(contactPoints, datacenter, login, Optional.empty(), timeout);
    }

    /** The package's own session on its service's nodes: their contact points, data center, superuser and CA. */
    static CqlSession open(HookContext context) throws LoginRefused {
        return open(contactPoints(context), String.valueOf(context.target().options().get(CassandraOptionRules.DATACENTER)),
                Login.of(context), context.trustedCa(), CassandraHooks.CQL_TIMEOUT);
    }

    /** The service's CQL contact points ({@code host:port,host:port}); empty before a node has a home. */
    static String contactPoints(HookContext context) {
        return String.join(",", context.endpoints().addresses().getOrDefault(NATIVE_CLIENT, List.of()));
    }

    /**
     * As {@link #open(String, String, Optional, Duration)}, over TLS when {@code trustedCa} is given (the nodes
     * serve cassandra.tls): the nodes' certificates must chain to that CA and be for the address connected to.
     */
    public static CqlSession open(String contactPoints, String datacenter, Optional<Login> login, Optional<String> trustedCa,
                                  Duration timeout) throws LoginRefused {
        return build(addresses(contactPoints), Optional.empty(), datacenter, login, trustedCa, timeout);
    }

    /**
     * As {@link #open(String, String, Optional, Optional, Duration)}, through one node only, as cqlsh does: the first
     * of {@code contactPoints} that answers coordinates every statement. Short-lived work needs no more, and it
     * saves each other node the login: a login hashes the password on the node (about 0.6 s of a core here), and a
     * session on all nodes logs in to each, while a refused one was asked of every node in turn before it failed.
     *
     * @throws LoginRefused when the first node that answered refused the login
     * @throws AllNodesFailedException when no node could be reached
     */
    public static CqlSession openOnOneNode(String contactPoints, String datacenter, Optional<Login> login,
                                           Optional<String> trustedCa, Duration timeout) throws LoginRefused {
        List<Map.Entry<Node, Throwable>> unreachable = new ArrayList<>();
        for (InetSocketAddress node : addresses(contactPoints)) {
            try {
                return build(List.of(node), Optional.of(node), datacenter, login, trustedCa, timeout);
            } catch (AllNodesFailedException e) {
                e.getAllErrors().forEach((failed, errors) -> errors.forEach(error -> unreachable.add(Map.entry(failed, error))));
            }
        }
        // one failure naming every node tried, as a session on all of them reports it
        AllNodesFailedException all = AllNodesFailedException.fromErrors(unreachable);
        throw all.reword("could not reach any node of " + contactPoints + ": " + all.getMessage());
    }

    private static CqlSession build(List<InetSocketAddress> contactPoints, Optional<InetSocketAddress> only, String datacenter,
                                    Optional<Login> login, Optional<String> trustedCa, Duration timeout) throws LoginRefused {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout)
                // a short-lived session needs neither the schema (every keyspace's tables, read at start-up and
                // after each change) nor the token map
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                // a server's warnings are the caller's to show, not a log line in the middle of its output
                .withBoolean(DefaultDriverOption.REQUEST_LOG_WARNINGS, false)
                // The driver's thread pools wait 2 s for stray work when the session closes; a short-lived
                // session has none left when it is closed, and secure-superuser opens up to four in a row
                // (before: 2 s more per session, 8 s of a ring's deploy).
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        var builder = CqlSession.builder().addContactPoints(contactPoints).withLocalDatacenter(datacenter)
                .withConfigLoader(config);
        // no connection pool (nor login) to any other node the session learns of
        only.ifPresent(node -> builder.withNodeDistanceEvaluator((candidate, localDc) ->
                node.equals(candidate.getEndPoint().resolve()) || candidate.getBroadcastRpcAddress().filter(node::equals).isPresent()
                        ? null : NodeDistance.IGNORED));
        login.ifPresent(l -> builder.withAuthCredentials(l.user(), l.password()));
        trustedCa.ifPresent(ca -> builder.withSslEngineFactory(
                new ProgrammaticSslEngineFactory(ClientTrust.sslContext(ca), null, true)));
        try {
            return builder.build();
        } catch (AllNodesFailedException e) {
            Optional<Throwable> refusal = e.getAllErrors().values().stream().flatMap(List::stream)
                    .filter(AuthenticationException.class::isInstance).findFirst();
            if (refusal.isPresent()) {
                throw new LoginRefused(login.map(l -> "the nodes refused the login of role '" + l.user() + "'")
                        .orElse("the nodes require a login") + ": " + refusal.get().getMessage(), e);
            }
            throw e;
        }
    }

    /** The superuser step's CQL on the nodes at {@code contactPoints}: a session per login on one node, closed after its work. */
    static SuperuserSetup.Cql forSetup(String contactPoints, String datacenter, Optional<String> trustedCa, Duration timeout) {
        return new SuperuserSetup.Cql() {
            @Override
            public <T> T as(Login login, SuperuserSetup.Work<T> work) throws LoginRefused {
                try (CqlSession session = openOnOneNode(contactPoints, datacenter, Optional.of(login), trustedCa, timeout)) {
                    return work.run(new SuperuserSetup.Session() {
                        @Override
                        public boolean roleExists(String role) {
                            // QUORUM: a role written a moment ago by another coordinator is seen
                            return session.execute(SimpleStatement.newInstance(
                                    "SELECT role FROM system_auth.roles WHERE role = ?", role)
                                    .setConsistencyLevel(ConsistencyLevel.QUORUM)).one() != null;
                        }

                        @Override
                        public void execute(String statement) {
                            session.execute(statement);
                        }
                    });
                }
            }
        };
    }

    /** {@code host:port,host:port} as socket addresses. */
    static List<InetSocketAddress> addresses(String contactPoints) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hostPort : contactPoints.split(",")) {
            String trimmed = hostPort.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("contact point '" + trimmed + "' is not host:port");
            }
            out.add(new InetSocketAddress(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))));
        }
        return out;
    }

    /**
     * Waits until every node reports the same schema version, asking every 200 ms (the driver's own interval)
     * for at most {@code timeout}; answers whether they agreed. {@link CqlSession#checkSchemaAgreement()} asks
     * once: right after a CREATE TABLE the other nodes may not have it yet, and a statement on another
     * coordinator would not find the table. Asked of one node itself, not through the driver's check, which
     * counts only the peers its short-lived session already holds UP and so agreed with a peer still behind.
     */
    public static boolean awaitSchemaAgreement(CqlSession session, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!agreed(session)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /**
     * Whether one node sees every node on its own schema version: its own ({@code system.local}) and each
     * peer's as gossip told it ({@code system.peers}; a peer reports its version once it applied the change).
     * A node that is down (no version) counts as not agreeing yet.
     */
    static boolean agreed(CqlSession session) {
        java.util.Collection<com.datastax.oss.driver.api.core.metadata.Node> nodes = session.getMetadata().getNodes().values();
        if (nodes.isEmpty()) {
            return false;
        }
        // a node the session is connected to: the answer of one that is not would fail the request
        com.datastax.oss.driver.api.core.metadata.Node asked = nodes.stream()
                .filter(n -> n.getState() == com.datastax.oss.driver.api.core.metadata.NodeState.UP).findFirst()
                .orElse(nodes.iterator().next());
        com.datastax.oss.driver.api.core.cql.Row local = session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement
                .newInstance("SELECT schema_version FROM system.local WHERE key = 'local'").setNode(asked)).one();
        if (local == null || local.getUuid(0) == null) {
            return false;
        }
        int peers = 0;
        for (com.datastax.oss.driver.api.core.cql.Row peer : session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement
                .newInstance("SELECT schema_version FROM system.peers").setNode(asked))) {
            peers++;
            if (!local.getUuid(0).equals(peer.getUuid(0))) {
                return false;
            }
        }
        return peers == nodes.size() - 1;
    }
}
