package dev.berth.core.sdk;

import dev.berth.core.sdk.state.StateStore;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import java.util.Optional;

/**
 * Whether a service serves TLS, and the certificate its clients trust then: the cluster's CA, which the API
 * shows as the service's {@code ca} endpoint and the package's hooks use for their own connections.
 */
public final class ServiceTls {
    private ServiceTls() {
    }

    /** Whether any task of the service is launched with a certificate. */
    static boolean serves(ServiceSpec spec) {
        return spec.pods().stream().map(PodSpec::tasks).flatMap(java.util.List::stream)
                .map(TaskSpec::tls).anyMatch(Optional::isPresent);
    }

    /** The CA's certificate in PEM when the service serves TLS; empty otherwise. */
    static Optional<String> trusted(ServiceSpec spec, StateStore store) {
        return serves(spec) ? Optional.of(store.certificateAuthority().certificatePem()) : Optional.empty();
    }

    /** The same, for the API: the service's {@code ca} endpoint. */
    public static Optional<String> trusted(ServiceScheduler service) {
        return trusted(service.snapshot().target().spec(), service.store());
    }
}
