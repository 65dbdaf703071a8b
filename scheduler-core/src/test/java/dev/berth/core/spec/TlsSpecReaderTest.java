package dev.berth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task's {@code tls:} settings in svc.yaml: its certificate's validity, checked as it is read. */
class TlsSpecReaderTest {
    static String withTls(String tls) {
        return """
                name: app
                pods:
                  node:
                    count: 1
                    tasks:
                      server:
                        cmd: sleep 1000
                        cpus: 0.5
                        memory: 64
                """ + (tls.isEmpty() ? "" : "        tls: " + tls + "\n");
    }

    static Optional<TlsSpec> tlsOf(String yaml) {
        return SpecParser.parse(yaml, Map.of()).pod("node").orElseThrow().task("server").orElseThrow().tls();
    }

    static List<String> refusals(String yaml) {
        try {
            SpecParser.parse(yaml, Map.of());
        } catch (SpecException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
        throw new AssertionError("spec was accepted:\n" + yaml);
    }

    @Test
    void aTaskWithoutTlsHasNone() {
        assertThat(tlsOf(withTls(""))).isEmpty();
    }

    @Test
    void anEmptyTlsMappingGetsTheDefaultValidityOf90Days() {
        assertThat(tlsOf(withTls("{}"))).contains(new TlsSpec(Duration.ofDays(90)));
    }

    @Test
    void aValidityIsReadAsADuration() {
        assertThat(tlsOf(withTls("{validity: 30d}"))).contains(new TlsSpec(Duration.ofDays(30)));
        assertThat(tlsOf(withTls("{validity: 1h}"))).contains(new TlsSpec(Duration.ofHours(1)));
        assertThat(tlsOf(withTls("{validity: 825d}"))).contains(new TlsSpec(Duration.ofDays(825)));
    }

    @Test
    void aValidityOutOfRangeIsRefusedNamingItsPathTheValueAndTheRange() {
        assertThat(refusals(withTls("{validity: 10m}"))).containsExactly(
                "pods.node.tasks.server.tls.validity: '10m' is out of range; a node's certificate is valid for 1h to 825d");
        assertThat(refusals(withTls("{validity: 900d}"))).containsExactly(
                "pods.node.tasks.server.tls.validity: '900d' is out of range; a node's certificate is valid for 1h to 825d");
    }

    @Test
    void aValidityThatIsNotADurationIsRefused() {
        assertThat(refusals(withTls("{validity: soon}"))).singleElement().asString()
                .startsWith("pods.node.tasks.server.tls.validity: 'soon' is not a duration");
    }

    @Test
    void anUnknownTlsFieldOrTlsThatIsNoMappingIsRefusedNamingTheKnownFields() {
        assertThat(refusals(withTls("{validity: 30d, client-auth: required}"))).containsExactly(
                "pods.node.tasks.server.tls.client-auth: unknown field; known: validity");
        // tls: true, as a user might guess, is no mapping
        assertThat(refusals(withTls("true"))).containsExactly(
                "pods.node.tasks.server.tls: true is not TLS settings; expected a mapping of validity");
    }

    @Test
    void aCertificateIsRenewedWhenAThirdOfItsValidityIsLeft() {
        assertThat(new TlsSpec(Duration.ofDays(90)).renewBefore()).isEqualTo(Duration.ofDays(30));
        assertThat(new TlsSpec(Duration.ofHours(3)).renewBefore()).isEqualTo(Duration.ofHours(1));
    }
}
