package dev.berth.core.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a client of a Berth service: it trusts the CA certificate the service shows as its
 * {@code ca} endpoint, and nothing else (not the JVM's public CAs, which never sign a node's address).
 */
public final class ClientTrust {
    private ClientTrust() {
    }

    public static SSLContext sslContext(String caPem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("berth-cluster-ca", Pem.readCertificate(caPem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context trusting the cluster's CA: " + e.getMessage(), e);
        }
    }
}
