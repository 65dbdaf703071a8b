package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.PackageTemplates;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import dev.berth.core.spec.TlsSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** kafka.tls: every listener of every broker serves TLS with the certificate Berth issues it; plaintext otherwise. */
class KafkaTlsPackageTest {
    static final List<String> CONTROLLERS = List.of("127.0.0.2:31001", "127.0.0.3:31001", "127.0.0.4:31001");

    static final Package KAFKA = PackageRepository.classpath().get("kafka");

    static TaskSpec server(Options options) {
        return KAFKA.render("kafka", options).pod("broker").orElseThrow().task("server").orElseThrow();
    }

    /** server.properties of broker {@code index} at {@code ip}, rendered as a launch renders it. */
    static String serverProperties(Options options, int index, String ip) {
        String template = server(options).configs().stream().filter(c -> c.dest().equals("server.properties")).findFirst()
                .orElseThrow().template();
        return new PackageTemplates(new KafkaHooks()).apply(template, new TemplateContext("kafka", options.nested(), "broker",
                index, "server", ip, Map.of(), Map.of("broker", 31000, "controller", 31001), Map.of("controller", CONTROLLERS),
                "c1").toMap());
    }

    /** The keys of the properties text, in order, repeats included. */
    static List<String> keys(String properties) {
        List<String> keys = new ArrayList<>();
        for (String line : properties.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.substring(0, line.indexOf('=')));
            }
        }
        return keys;
    }

    @Test
    void withTlsTheBrokerTaskAsksForACertificateValidForTheDaysGiven() {
        assertThat(server(KAFKA.options(Map.of("kafka.tls", "true"))).tls()).contains(new TlsSpec(Duration.ofDays(90)));
        assertThat(server(KAFKA.options(Map.of("kafka.tls", "true", "kafka.tls_validity_days", "30"))).tls())
                .contains(new TlsSpec(Duration.ofDays(30)));
        assertThat(server(KAFKA.defaults()).tls()).isEmpty();
        // days the option allows, the task allows too
        assertThat(server(KAFKA.options(Map.of("kafka.tls", "true", "kafka.tls_validity_days", "825"))).tls())
                .contains(new TlsSpec(Duration.ofDays(825)));
        assertThat(server(KAFKA.options(Map.of("kafka.tls", "true", "kafka.tls_validity_days", "1"))).tls())
                .contains(new TlsSpec(Duration.ofDays(1)));
    }

    @Test
    void withTlsEveryListenerServesSslWithTheIssuedKeystoreAndTheCa() {
        Options tls = KAFKA.options(Map.of("kafka.tls", "true", "brokers.count", "4"));
        String controller = serverProperties(tls, 0, "127.0.0.2");
        String brokerOnly = serverProperties(tls, 3, "127.0.0.5");

        assertThat(controller).contains("listeners=SSL://127.0.0.2:31000,CONTROLLER://127.0.0.2:31001\n",
                "advertised.listeners=SSL://127.0.0.2:31000\n", "inter.broker.listener.name=SSL\n",
                "listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL\n", "ssl.keystore.type=PEM\n",
                "ssl.keystore.location=" + TlsSpec.KEYSTORE + "\n", "ssl.truststore.type=PEM\n",
                "ssl.truststore.location=" + TlsSpec.CA + "\n");
        assertThat(brokerOnly).contains("listeners=SSL://127.0.0.5:31000\n", "advertised.listeners=SSL://127.0.0.5:31000\n",
                "listener.security.protocol.map=SSL:SSL,CONTROLLER:SSL\n", "ssl.keystore.location=tls/node.pem\n");
        assertThat(controller).doesNotContain("PLAINTEXT");
        assertThat(brokerOnly).doesNotContain("PLAINTEXT");
        assertThat(keys(controller)).doesNotHaveDuplicates();
    }

    @Test
    void byDefaultTheListenersArePlaintextAsBefore() {
        String properties = serverProperties(KAFKA.defaults(), 0, "127.0.0.2");

        assertThat(KAFKA.defaults().values()).containsEntry("kafka.tls", false);
        assertThat(properties).contains("listeners=PLAINTEXT://127.0.0.2:31000,CONTROLLER://127.0.0.2:31001\n",
                "advertised.listeners=PLAINTEXT://127.0.0.2:31000\n", "inter.broker.listener.name=PLAINTEXT\n",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n");
        assertThat(properties).doesNotContain("SSL").doesNotContain("ssl.").doesNotContain("tls/");
        assertThat(keys(properties)).doesNotHaveDuplicates();
    }

    @Test
    void tlsCannotChangeOnAnUpdateButMayStayAsItIs() {
        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", true), Optional.of(Map.of("kafka.tls", false))))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("kafka.tls");
                    assertThat(v.message()).contains("cannot change after install");
                });
        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", false), Optional.of(Map.of("kafka.tls", true))))
                .extracting(v -> v.field()).containsExactly("kafka.tls");
        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", true), Optional.of(Map.of("kafka.tls", true)))).isEmpty();
        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", true), Optional.empty())).as("on install").isEmpty();
    }

    @Test
    void aServiceInstalledBeforeKafkaTlsExistedIsPlaintextAndCannotTurnTlsOnByAnUpdate() {
        // its options were stored without kafka.tls: its brokers serve plaintext
        Map<String, Object> installedBefore = Map.of("kafka.version", "4.1.0");

        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", true), Optional.of(installedBefore)))
                .extracting(v -> v.field()).containsExactly("kafka.tls");
        assertThat(KafkaOptionRules.check(Map.of("kafka.tls", false), Optional.of(installedBefore))).isEmpty();
    }
}
