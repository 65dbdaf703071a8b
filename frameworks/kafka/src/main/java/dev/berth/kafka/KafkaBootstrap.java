package dev.berth.kafka;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a client of the service connects first ({@code host:port,host:port}) and, when the service's
 * listeners serve TLS ({@code kafka.tls}), the CA certificate (PEM) it trusts them by. Shown as the
 * servers alone: a message that names it never carries the certificate.
 */
public record KafkaBootstrap(String servers, Optional<String> trustedCa) {
    public KafkaBootstrap {
        Objects.requireNonNull(servers, "servers");
        trustedCa = trustedCa == null ? Optional.empty() : trustedCa;
    }

    public static KafkaBootstrap plaintext(String servers) {
        return new KafkaBootstrap(servers, Optional.empty());
    }

    @Override
    public String toString() {
        return servers;
    }
}
