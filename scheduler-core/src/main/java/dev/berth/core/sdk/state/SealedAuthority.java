package dev.berth.core.sdk.state;

import dev.berth.core.access.SecretCipher;
import dev.berth.core.json.BerthJson;
import dev.berth.core.tls.CertificateAuthority;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The cluster's certificate authority as the state store keeps it: its certificate in PEM and its key
 * sealed with the cluster's key, like a service's secrets, so that ZooKeeper's data alone gives no one the
 * power to issue certificates.
 */
record SealedAuthority(String certificate, String key) {
    /** Long enough to outlive the clusters it serves; a node's certificate is renewed far more often. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    static CertificateAuthority create(Instant now) {
        return CertificateAuthority.create("Berth cluster CA " + LocalDate.ofInstant(now, ZoneOffset.UTC), now, VALIDITY);
    }

    static byte[] seal(CertificateAuthority ca, SecretCipher cipher) {
        return BerthJson.toBytes(new SealedAuthority(ca.certificatePem(), cipher.encrypt(ca.keyPem())));
    }

    static CertificateAuthority open(byte[] stored, SecretCipher cipher) {
        SealedAuthority sealed = BerthJson.fromBytes(stored, SealedAuthority.class);
        return CertificateAuthority.fromPem(sealed.certificate(), cipher.decrypt(sealed.key()));
    }

    @Override
    public String toString() {
        return "SealedAuthority[key sealed]";
    }
}
