package dev.berth.core.tls;

import java.time.Instant;

/**
 * What a node gets to serve TLS: its new private key, its certificate, the CA's certificate that signed
 * it, and when it expires. {@link #keystorePem()} is the one file Kafka's PEM keystore and Cassandra's
 * PEM SSL context read: the key, then the chain. Its {@link #toString()} never shows the key.
 */
public record NodeCertificate(String keyPem, String certificatePem, String caPem, Instant notAfter) {
    public String keystorePem() {
        return keyPem + certificatePem + caPem;
    }

    @Override
    public String toString() {
        return "NodeCertificate[until " + notAfter + "]";
    }
}
