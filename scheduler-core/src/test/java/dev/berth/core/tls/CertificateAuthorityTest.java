package dev.berth.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cluster's CA and the node certificates it issues, checked with the JDK's own X.509 and PKIX code. */
class CertificateAuthorityTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** X.509's SubjectAltName type of an IP address. */
    static final int IP_ADDRESS = 7;

    final CertificateAuthority ca = CertificateAuthority.create("test CA", NOW, Duration.ofDays(365));

    static X509Certificate certificate(NodeCertificate node) {
        return Pem.readCertificate(node.certificatePem());
    }

    static void validatePkix(X509Certificate leaf, X509Certificate trusted, Instant at) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(trusted, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)),
                params);
    }

    @Test
    void anIssuedCertificateChainsToTheClusterCa() throws Exception {
        X509Certificate issued = certificate(ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90)));

        issued.verify(ca.publicKey());
        assertThat(issued.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(issued.getSubjectX500Principal().getName()).contains("CN=broker-0.kafka");
        validatePkix(issued, ca.certificate(), NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void anIssuedCertificateNamesTheNodesIpAddressesAsSubjectAlternativeNames() throws Exception {
        X509Certificate issued = certificate(ca.issue("node-1.cassandra", List.of("10.0.0.7", "192.168.1.20"), NOW,
                Duration.ofDays(90)));

        assertThat(issued.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(IP_ADDRESS, "10.0.0.7"),
                List.of(IP_ADDRESS, "192.168.1.20"));
    }

    @Test
    void anIssuedCertificateIsValidForItsValidityFromAFewMinutesBeforeNow() {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(30));
        X509Certificate issued = certificate(node);

        assertThat(issued.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(node.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        // an agent whose clock is a little behind accepts it
        assertThat(issued.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    }

    @Test
    void anIssuedCertificateNeverOutlivesTheCa() {
        Instant caExpires = ca.certificate().getNotAfter().toInstant();
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW.plus(Duration.ofDays(300)), Duration.ofDays(90));

        assertThat(node.notAfter()).isEqualTo(caExpires);
        assertThat(certificate(node).getNotAfter().toInstant()).isEqualTo(caExpires);
    }

    @Test
    void anIssuedCertificateServesBothEndsOfAConnectionAndIsNoCa() throws Exception {
        X509Certificate issued = certificate(ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90)));

        assertThat(issued.getExtendedKeyUsage()).contains(SERVER_AUTH, CLIENT_AUTH);
        assertThat(issued.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theKeystoreHoldsTheKeyOfTheCertificateThenTheChainLeafFirst() throws Exception {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90));
        String keystore = node.keystorePem();

        assertThat(keystore).startsWith("-----BEGIN PRIVATE KEY-----\n");
        PrivateKey key = Pem.readPrivateKey(keystore, "EC");
        byte[] message = "a handshake to sign".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate(node));
        verifier.update(message);
        assertThat(verifier.verify(signature)).as("the key signs what the certificate's public key verifies").isTrue();

        // the first certificate of the keystore is the node's own, the CA's follows
        assertThat(Pem.readCertificate(keystore)).isEqualTo(certificate(node));
        assertThat(keystore).endsWith(ca.certificatePem());
        assertThat(node.caPem()).isEqualTo(ca.certificatePem());
    }

    @Test
    void anAuthorityReadBackFromPemIssuesCertificatesTheOriginalVerifies() throws Exception {
        CertificateAuthority read = CertificateAuthority.fromPem(ca.certificatePem(), ca.keyPem());

        assertThat(read.certificate()).isEqualTo(ca.certificate());
        X509Certificate issued = certificate(read.issue("broker-1.kafka", List.of("10.0.0.8"), NOW, Duration.ofDays(90)));
        issued.verify(ca.publicKey());
        validatePkix(issued, ca.certificate(), NOW);
    }

    @Test
    void neitherTheAuthorityNorANodeCertificateShowsItsKey() {
        NodeCertificate node = ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90));

        assertThat(ca.toString()).doesNotContain(ca.keyPem()).doesNotContain("PRIVATE KEY").contains("test CA");
        assertThat(node.toString()).doesNotContain(node.keyPem()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void eachIssueMakesANewKeyAndSerial() {
        X509Certificate first = certificate(ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90)));
        X509Certificate second = certificate(ca.issue("broker-0.kafka", List.of("10.0.0.7"), NOW, Duration.ofDays(90)));

        assertThat(second.getPublicKey()).isNotEqualTo(first.getPublicKey());
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    }
}
