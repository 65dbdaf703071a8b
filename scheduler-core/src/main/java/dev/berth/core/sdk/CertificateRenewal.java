package dev.berth.core.sdk;

import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.PodInstanceId;
import dev.berth.core.sdk.offer.NodeCertificates;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which running tasks of a service hold a TLS certificate that is due for renewal: one whose expiry (the
 * label its launch set) is less than {@link TlsSpec#renewBefore()} away. Pure: the renewal timer asks it
 * and restarts the instance's step of the {@code tls-renewal} plan.
 */
final class CertificateRenewal {
    private CertificateRenewal() {
    }

    /** An instance to relaunch: the step ({@code broker-0}) in its phase ({@code broker}), and why. */
    record Due(String phase, String instance, String task, Instant expires) {
    }

    /** The due instances, soonest expiry first, each once. */
    static List<Due> due(ServiceSpec spec, Collection<TaskRecord> tasks, Instant now) {
        List<Due> out = new ArrayList<>();
        for (TaskRecord t : tasks) {
            if (t.ended()) {
                continue;
            }
            String type = PodInstanceId.of(t.podInstance()).podType();
            Optional<TlsSpec> tls = spec.pod(type).flatMap(p -> p.task(t.task())).flatMap(TaskSpec::tls);
            Optional<Instant> expires = expiry(t);
            if (tls.isPresent() && expires.isPresent() && !now.isBefore(expires.get().minus(tls.get().renewBefore()))) {
                out.add(new Due(type, t.podInstance(), t.name(), expires.get()));
            }
        }
        out.sort(Comparator.comparing(Due::expires).thenComparing(Due::instance));
        // an instance with several due tasks once, by its soonest
        Set<String> instances = new HashSet<>();
        out.removeIf(d -> !instances.add(d.instance()));
        return out;
    }

    private static Optional<Instant> expiry(TaskRecord t) {
        String label = t.info().labels().get(NodeCertificates.EXPIRES_LABEL);
        try {
            return label == null ? Optional.empty() : Optional.of(Instant.parse(label));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
