package dev.berth.core.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of one Berth cluster: a self-signed CA certificate and its key. It issues each
 * database node that asks for TLS a certificate for its agent's address, so that a client which trusts this
 * one certificate (the {@code ca} endpoint of a service) can check every node of every service. Keys are
 * EC P-256: every JDK, Kafka and Cassandra read them, and one is made in a millisecond at each launch.
 * Its {@link #toString()} never shows the key.
 */
public final class CertificateAuthority {
    static final String KEY_ALGORITHM = "EC";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Issued certificates start this much before "now": an agent whose clock is a little behind still accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private final X509Certificate certificate;
    private final PrivateKey key;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A new authority named {@code name}, valid from {@code now} for {@code validity}. */
    public static CertificateAuthority create(String name, Instant now, Duration validity) {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Berth").addRDN(BCStyle.CN, name).build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the cluster's CA certificate", e);
        }
    }

    /** The authority kept as PEM (see {@link #certificatePem()} and {@link #keyPem()}). */
    public static CertificateAuthority fromPem(String certificatePem, String keyPem) {
        return new CertificateAuthority(Pem.readCertificate(certificatePem), Pem.readPrivateKey(keyPem, KEY_ALGORITHM));
    }

    /**
     * A certificate for the node {@code commonName} ({@code broker-0.kafka}) at {@code ipAddresses}, valid from
     * {@code now} for {@code validity} but never beyond this authority, with a new key. It serves both ends of
     * a connection (a broker is a client of the other brokers too).
     */
    public NodeCertificate issue(String commonName, List<String> ipAddresses, Instant now, Duration validity) {
        KeyPair pair = newKeyPair();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Berth").addRDN(BCStyle.CN, commonName).build();
        List<GeneralName> names = new ArrayList<>();
        for (String ip : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(b, key);
            return new NodeCertificate(Pem.privateKey(pair.getPrivate()), Pem.certificate(issued), certificatePem(),
                    issued.getNotAfter().toInstant());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /** The key as PEM: only for sealing it into the state store. */
    public String keyPem() {
        return Pem.privateKey(key);
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            ContentSigner s = new JcaContentSignerBuilder(SIGNATURE).build(signer);
            return new JcaX509CertificateConverter().getCertificate(builder.build(s));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no EC P-256 key generator", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal() + ", until " + certificate.getNotAfter().toInstant() + "]";
    }
}
