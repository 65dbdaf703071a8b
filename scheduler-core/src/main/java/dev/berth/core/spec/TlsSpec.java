package dev.berth.core.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * A task that serves TLS (svc.yaml {@code tls: {validity: 90d}}): at each launch Berth issues it a new key and a
 * certificate for its agent's address, signed by the cluster's CA, and writes them into its sandbox as
 * {@link #KEYSTORE} (the key, then the chain) and {@link #CA} (the CA's certificate, for its own clients). A
 * certificate is renewed by relaunching the task once {@link #renewBefore() a third} of its validity is left.
 */
public record TlsSpec(Duration validity) {
    public static final String DIR = "tls/";
    public static final String KEYSTORE = DIR + "node.pem";
    public static final String CA = DIR + "ca.pem";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    public static final Duration MIN_VALIDITY = Duration.ofHours(1);
    public static final Duration MAX_VALIDITY = Duration.ofDays(825);

    public TlsSpec {
        Objects.requireNonNull(validity, "validity");
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("tls.validity: " + validity + " is out of range; allowed 1h to 825d");
        }
    }

    /** How long before its expiry a node's certificate is renewed. */
    public Duration renewBefore() {
        return validity.dividedBy(3);
    }
}
