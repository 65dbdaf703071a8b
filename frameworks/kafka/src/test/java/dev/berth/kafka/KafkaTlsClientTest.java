package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.TlsSpec;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.tls.NodeCertificate;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own SSL code reading what Berth gives a TLS broker (its server.properties' ssl settings, tls/node.pem and
 * tls/ca.pem) and what the hooks give their Admin ({@link KafkaAdmins#tls}): the two shake hands, address checked.
 */
class KafkaTlsClientTest {
    @TempDir
    Path sandbox;

    final CertificateAuthority ca = CertificateAuthority.create("test CA", Instant.now(), Duration.ofDays(30));

    /** Kafka's SSL settings of {@code given}, defaults filled in, as a client or broker configures its factory. */
    static Map<String, Object> sslConfig(Map<String, ?> given) {
        return new HashMap<>(new ConfigDef().withClientSslSupport().parse(given));
    }

    /** A broker's SSL engine factory: the ssl settings of its server.properties, its files in its sandbox. */
    DefaultSslEngineFactory broker(NodeCertificate node) throws Exception {
        Files.createDirectories(sandbox.resolve("tls"));
        Files.writeString(sandbox.resolve(TlsSpec.KEYSTORE), node.keystorePem());
        Files.writeString(sandbox.resolve(TlsSpec.CA), node.caPem());
        Properties rendered = new Properties();
        rendered.load(new StringReader(KafkaTlsPackageTest.serverProperties(
                KafkaTlsPackageTest.KAFKA.options(Map.of("kafka.tls", "true")), 0, "127.0.0.1")));
        Map<String, Object> ssl = new HashMap<>();
        for (String key : rendered.stringPropertyNames()) {
            String value = rendered.getProperty(key);
            // the broker runs in its sandbox: its locations are relative to it
            ssl.put(key, key.endsWith(".location") ? sandbox.resolve(value).toString() : value);
        }
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(sslConfig(ssl));
        return factory;
    }

    /** The hooks' Admin's SSL engine for a broker at 127.0.0.1, trusting {@code trusted}. */
    static SSLEngine admin(CertificateAuthority trusted) {
        Map<String, Object> config = sslConfig(toMap(KafkaAdmins.tls(trusted.certificatePem())));
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(config);
        return factory.createClientSslEngine("127.0.0.1", 31000,
                (String) config.get(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG));
    }

    static Map<String, Object> toMap(Properties p) {
        Map<String, Object> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    @Test
    void theHooksClientsSpeakSslAndTrustTheCaGivenInline() {
        Properties tls = KafkaAdmins.tls(ca.certificatePem());

        assertThat(tls).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
                .containsEntry(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca.certificatePem());
        // a bootstrap names its servers alone, never the certificate
        assertThat(new KafkaBootstrap("10.0.0.7:31000", Optional.of(ca.certificatePem())).toString()).isEqualTo("10.0.0.7:31000");
    }

    @Test
    void aBrokerServesItsIssuedCertificateAndTheHooksAdminTrustsItAtItsAddress() throws Exception {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));

        handshake(admin(ca), broker(node).createServerSslEngine("127.0.0.1", 31000));
    }

    @Test
    void theHooksAdminRefusesABrokerWhoseCertificateIsForAnotherAddress() throws Exception {
        NodeCertificate elsewhere = ca.issue("broker-0.kafka", List.of("127.0.0.9"), Instant.now(), Duration.ofDays(1));
        SSLEngine server = broker(elsewhere).createServerSslEngine("127.0.0.1", 31000);

        assertThatThrownBy(() -> handshake(admin(ca), server)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anAdminTrustingAnotherCaRefusesTheBroker() throws Exception {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));
        SSLEngine server = broker(node).createServerSslEngine("127.0.0.1", 31000);
        CertificateAuthority other = CertificateAuthority.create("another CA", Instant.now(), Duration.ofDays(30));

        assertThatThrownBy(() -> handshake(admin(other), server)).isInstanceOf(SSLHandshakeException.class);
    }

    /** Runs a TLS handshake between the two engines in memory; throws as the failing side does. */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 1000 && (busy(client) || busy(server)); round++) {
            step(client, toClient, toServer);
            step(server, toServer, toClient);
        }
        assertThat(client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
        assertThat(server.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
    }

    private static boolean busy(SSLEngine engine) {
        return engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, ByteBuffer.allocate(1 << 17));
                in.compact();
            }
            case NEED_TASK -> {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
            }
            default -> { }
        }
    }
}
