package dev.berth.core.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text of certificates and PKCS#8 private keys: the form Kafka ({@code ssl.keystore.type=PEM}),
 * Cassandra ({@code PEMBasedSslContextFactory}), the JDK's tools and every TLS client read without a
 * keystore password.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The key unencrypted, as {@code PRIVATE KEY} (PKCS#8): it goes only into owner-only files and sealed state. */
    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate readCertificate(String pem) {
        byte[] der = der(pem, "CERTIFICATE");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate: the PEM block is not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The first {@code PRIVATE KEY} in {@code pem}, of the given algorithm ({@code EC}). */
    public static PrivateKey readPrivateKey(String pem, String algorithm) {
        byte[] der = der(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key: the PEM block is not a PKCS#8 " + algorithm + " key", e);
        }
    }

    private static byte[] der(String pem, String type) {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new IllegalArgumentException("PEM: no '" + type + "' block found");
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
