package dev.berth.core.sdk.offer;

import dev.berth.core.spec.TlsSpec;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.tls.NodeCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issues a TLS task its certificate at launch, from the cluster's authority: one for the agent's address,
 * named {@code INSTANCE.SERVICE}. A new key each launch: a relaunch (a restart, an update, the renewal plan)
 * is how a node gets a fresh certificate, and no key outlives the sandbox it was written to.
 */
public final class NodeCertificates {
    /** The label of a TLS task that says when its certificate expires (ISO-8601), which renewal reads. */
    public static final String EXPIRES_LABEL = "tls_expires";

    private final Supplier<CertificateAuthority> authority;
    private final Clock clock;

    public NodeCertificates(Supplier<CertificateAuthority> authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    /** Certificates from an authority made on first use, for an evaluator given none (unit tests). */
    static NodeCertificates ownAuthority() {
        CertificateAuthority[] made = new CertificateAuthority[1];
        return new NodeCertificates(() -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = CertificateAuthority.create("Berth evaluator's own CA", Instant.now(), Duration.ofDays(3650));
                }
                return made[0];
            }
        }, Clock.systemUTC());
    }

    /** The files a TLS task finds in its sandbox ({@link TlsSpec#KEYSTORE}, {@link TlsSpec#CA}) and its expiry label. */
    Issued issue(String service, String instance, String ip, TlsSpec tls) {
        NodeCertificate cert = authority.get().issue(instance + "." + service, List.of(ip), clock.instant(), tls.validity());
        return new Issued(Map.of(TlsSpec.KEYSTORE, cert.keystorePem(), TlsSpec.CA, cert.caPem()),
                Map.of(EXPIRES_LABEL, cert.notAfter().toString()));
    }

    /** What a launch adds to a TLS task. */
    record Issued(Map<String, String> files, Map<String, String> labels) {
        @Override
        public String toString() {
            return "Issued" + files.keySet() + labels;
        }
    }
}
