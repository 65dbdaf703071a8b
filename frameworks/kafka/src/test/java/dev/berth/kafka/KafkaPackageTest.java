package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.spec.ConfigRenderer;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kafka package renders a KRaft layout from its options and refuses bad ones. */
class KafkaPackageTest {
    final Package kafka = PackageRepository.classpath().get("kafka");

    @Test
    void rendersThreeBrokersFromMavenArtifactsWithALogVolume() {
        ServiceSpec spec = kafka.render("kafka", kafka.defaults());
        PodSpec broker = spec.pod("broker").orElseThrow();
        assertThat(broker.count()).isEqualTo(3);
        assertThat(broker.volumes()).singleElement().satisfies(v -> assertThat(v.path()).isEqualTo("data"));
        TaskSpec server = broker.task("server").orElseThrow();
        assertThat(server.artifacts()).contains("maven:org.apache.kafka:kafka_2.13:4.1.0");
        assertThat(server.java()).isEqualTo("17");
        assertThat(server.ports()).extracting(p -> p.endpoint()).containsExactly("broker", "controller");
    }

    @Test
    void brokerZeroRunsTheControllerAndTheOthersFindItThroughItsEndpoint() {
        Options options = kafka.defaults();
        TaskSpec server = kafka.render("kafka", options).pod("broker").orElseThrow().task("server").orElseThrow();
        String template = server.configs().stream().filter(c -> c.dest().equals("server.properties")).findFirst()
                .orElseThrow().template();
        String first = ConfigRenderer.render(template, new TemplateContext("kafka", options.nested(), "broker", 0, "server",
                "127.0.0.2", Map.of(), Map.of("broker", 31000, "controller", 31001), Map.of(), "c1").toMap());
        String second = ConfigRenderer.render(template, new TemplateContext("kafka", options.nested(), "broker", 1, "server",
                "127.0.0.3", Map.of(), Map.of("broker", 31000, "controller", 31001),
                Map.of("controller", List.of("127.0.0.2:31001")), "c1").toMap());
        assertThat(first).contains("node.id=0", "process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.2:31000,CONTROLLER://127.0.0.2:31001",
                "controller.quorum.bootstrap.servers=127.0.0.2:31001", "log.dirs=data/logs");
        assertThat(second).contains("node.id=1", "process.roles=broker\n", "listeners=PLAINTEXT://127.0.0.3:31000\n",
                "controller.quorum.bootstrap.servers=127.0.0.2:31001", "advertised.listeners=PLAINTEXT://127.0.0.3:31000");
    }

    @Test
    void badOptionsAreRefusedWithTheirMessage() {
        assertThatThrownBy(() -> kafka.options(Map.of("brokers.count", "0")))
                .hasMessageContaining("brokers.count: 0 is below the minimum 1");
        assertThatThrownBy(() -> kafka.options(Map.of("kafka.version", "3.9.0")))
                .hasMessageContaining("kafka.version").hasMessageContaining("3.9.0");
    }
}
