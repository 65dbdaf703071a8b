package dev.berth.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Admin clients with short timeouts, and a wait on their answers that throws Kafka's own exception
 * (so a caller can tell a duplicate voter from a timeout) instead of an ExecutionException.
 *
 * <p>The hooks keep one client per side of their service between questions ({@link SharedAdmin}) and
 * close them with the hooks; a spread job has one of its own for its life.
 */
public final class KafkaAdmins {
    private KafkaAdmins() {
    }

    /** An Admin on the brokers ({@code bootstrap.servers}): topics, partitions, configs, the cluster. */
    public static Admin brokers(KafkaBootstrap bootstrap, Duration timeout, String clientId) {
        return Admin.create(config(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, timeout, clientId));
    }

    /** An Admin on the controllers ({@code bootstrap.controllers}): the metadata quorum and its voters. */
    public static Admin controllers(KafkaBootstrap bootstrap, Duration timeout, String clientId) {
        return Admin.create(config(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, bootstrap, timeout, clientId));
    }

    private static Properties config(String bootstrapKey, KafkaBootstrap bootstrap, Duration timeout, String clientId) {
        Properties p = new Properties();
        p.put(bootstrapKey, bootstrap.servers());
        bootstrap.trustedCa().ifPresent(ca -> p.putAll(tls(ca)));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        // Every call gives up after `timeout`; one request may take most of it, leaving room for one retry
        // on another node. Connecting to a node that is down must fail fast for that retry to happen.
        long ms = timeout.toMillis();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ms);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ms * 3 / 4));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000L);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L);
        return p;
    }

    /**
     * A client's settings for listeners that serve TLS with certificates of {@code caPem}: the CA inline as PEM (no
     * truststore file), host names checked against the certificates' addresses as Kafka does by default.
     */
    public static Properties tls(String caPem) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, caPem);
        return p;
    }

    /**
     * The answer of one Admin call. Kafka's errors come out as themselves (they are runtime
     * exceptions); an answer that does not come within {@code timeout} plus a margin, as a
     * {@link TimeoutException}.
     */
    public static <T> T await(KafkaFuture<T> future, Duration timeout) {
        try {
            // The Admin times the call out itself; the margin only guards against a call it never completes.
            return future.get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new org.apache.kafka.common.KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("no answer within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
