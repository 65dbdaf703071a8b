package dev.berth.core.sdk.offer;

import static dev.berth.core.sdk.offer.OfferEvaluatorTest.PRINCIPAL;
import static dev.berth.core.sdk.offer.OfferEvaluatorTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.protocol.Offer;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.spec.ConfigTemplate;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TlsSpec;
import dev.berth.core.tls.CertificateAuthority;
import dev.berth.core.tls.Pem;
import dev.berth.reservations.Resources;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A TLS task's launch carries a new key and a certificate for the address of the agent it is placed on. */
class OfferEvaluatorTlsTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String ENOUGH = "cpus:2;mem:2048;disk:4096;ports:[31000-31010]";

    final CertificateAuthority ca = CertificateAuthority.create("test CA", NOW, Duration.ofDays(365));
    final OfferEvaluator evaluator = new OfferEvaluator(ROLE, PRINCIPAL, (template, context) -> template,
            new NodeCertificates(() -> ca, Clock.fixed(NOW, ZoneOffset.UTC)));

    static ServiceSpec hello(Optional<TlsSpec> tls) {
        TaskSpec server = new TaskSpec("server", GoalState.RUNNING, "sleep 1000", Map.of(), List.of(), "", 0.5, 256,
                List.of(new PortSpec("http", 0, null, "hello")), List.of(new ConfigTemplate("conf", "x=1", "conf/app.conf")),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(3), tls);
        PodSpec pod = new PodSpec("hello", 1, List.of(), List.of(), List.of(server), Optional.empty());
        return new ServiceSpec("hello", ROLE.name(), PRINCIPAL.name(), List.of(pod), List.of());
    }

    static Offer offer(String agent, String ip, String resources) {
        return new Offer("offer-" + agent, "fw-hello", agent + "-id", agent, ip, Map.of(), Resources.parse(resources), List.of());
    }

    /** The launched task of the accept of {@code offers}. */
    TaskInfo launched(ServiceSpec spec, List<Offer> offers) {
        Evaluation e = evaluator.evaluate(OfferEvaluatorTest.request(spec, Optional.empty()), offers);
        assertThat(e).isInstanceOf(Evaluation.Accept.class);
        return ((Evaluation.Accept) e).launched().get(0);
    }

    @Test
    void aTlsTaskGetsItsKeyAndCertificateAndTheCaAsFilesAndItsExpiryAsALabel() throws Exception {
        TaskInfo task = launched(hello(Optional.of(new TlsSpec(Duration.ofDays(30)))), List.of(offer("agent-0", "10.0.0.7", ENOUGH)));

        Map<String, String> files = task.command().files();
        assertThat(files).containsOnlyKeys("conf/app.conf", "tls/node.pem", "tls/ca.pem");
        assertThat(files.get("tls/node.pem")).contains("-----BEGIN PRIVATE KEY-----");
        assertThat(files.get("tls/ca.pem")).isEqualTo(ca.certificatePem());
        X509Certificate node = Pem.readCertificate(files.get("tls/node.pem"));
        node.verify(ca.publicKey());
        assertThat(node.getSubjectX500Principal().getName()).contains("CN=hello-0.hello");
        assertThat(Instant.parse(task.labels().get(NodeCertificates.EXPIRES_LABEL)))
                .isEqualTo(NOW.plus(Duration.ofDays(30))).isEqualTo(node.getNotAfter().toInstant());
    }

    @Test
    void theCertificateIsForTheAddressOfTheAgentWhoseOfferTheTaskWasPlacedOn() throws Exception {
        // the first agent has too little cpu; the task goes to the second
        TaskInfo task = launched(hello(Optional.of(new TlsSpec(Duration.ofDays(30)))),
                List.of(offer("agent-0", "10.0.0.7", "cpus:0.1;mem:2048;disk:4096;ports:[31000-31010]"),
                        offer("agent-1", "10.0.0.8", ENOUGH)));

        assertThat(task.agentId()).isEqualTo("agent-1-id");
        X509Certificate node = Pem.readCertificate(task.command().files().get("tls/node.pem"));
        assertThat(node.getSubjectAlternativeNames()).containsExactly(List.of(7, "10.0.0.8"));
    }

    @Test
    void aTaskWithoutTlsGetsNoTlsFilesNorExpiry() {
        TaskInfo task = launched(hello(Optional.empty()), List.of(offer("agent-0", "10.0.0.7", ENOUGH)));

        assertThat(task.command().files()).containsOnlyKeys("conf/app.conf");
        assertThat(task.labels()).doesNotContainKey(NodeCertificates.EXPIRES_LABEL);
    }
}
