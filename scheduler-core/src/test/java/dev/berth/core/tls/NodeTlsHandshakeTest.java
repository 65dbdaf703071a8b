package dev.berth.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node serving its issued key and certificate, and a client that trusts only the cluster's CA and checks the
 * node's address as HTTPS does: a real TLS handshake over loopback.
 */
class NodeTlsHandshakeTest {
    static final char[] PASSWORD = "unused".toCharArray();
    static final int TIMEOUT_MS = 10_000;

    final CertificateAuthority ca = CertificateAuthority.create("test CA", Instant.now(), Duration.ofDays(30));
    final ExecutorService server = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** What a node serves: its key with its chain, in an in-memory keystore. */
    static SSLContext serving(NodeCertificate node) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("node", Pem.readPrivateKey(node.keyPem(), "EC"), PASSWORD, new Certificate[] {
                Pem.readCertificate(node.certificatePem()), Pem.readCertificate(node.caPem())});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A client that trusts {@code trusted} alone. */
    static SSLContext trusting(CertificateAuthority trusted) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * Serves one connection on 127.0.0.1 with {@code node}'s certificate and connects to it with {@code client},
     * checking the address as HTTPS does; returns the byte the node sent once the handshake was done.
     */
    int handshake(NodeCertificate node, SSLContext client) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SSLServerSocket listening = (SSLServerSocket) serving(node).getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            listening.setSoTimeout(TIMEOUT_MS);
            Future<?> served = server.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.setSoTimeout(TIMEOUT_MS);
                    accepted.startHandshake();
                    accepted.getOutputStream().write(42);
                    accepted.getOutputStream().flush();
                    accepted.getInputStream().read(); // until the client closes
                } catch (IOException refusedByTheClient) {
                    // the client's failed handshake ends the connection; the test asserts on the client's side
                }
                return null;
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(loopback.getHostAddress(),
                    listening.getLocalPort())) {
                socket.setSoTimeout(TIMEOUT_MS);
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                socket.startHandshake();
                return socket.getInputStream().read();
            } finally {
                served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Test
    void aClientTrustingTheClusterCaConnectsToANodeByTheAddressItsCertificateWasIssuedFor() throws Exception {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));

        assertThat(handshake(node, trusting(ca))).isEqualTo(42);
    }

    @Test
    void aCertificateIssuedForAnotherAddressIsRefused() {
        NodeCertificate elsewhere = ca.issue("broker-0.kafka", List.of("127.0.0.9"), Instant.now(), Duration.ofDays(1));

        assertThatThrownBy(() -> handshake(elsewhere, trusting(ca))).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void aClientTrustingAnotherCaRefusesTheNode() {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));
        CertificateAuthority other = CertificateAuthority.create("another cluster's CA", Instant.now(), Duration.ofDays(30));

        assertThatThrownBy(() -> handshake(node, trusting(other))).isInstanceOf(SSLHandshakeException.class);
    }
}
