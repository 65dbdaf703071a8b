package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.pkg.Options;
import dev.berth.core.pkg.Package;
import dev.berth.core.pkg.PackageRepository;
import dev.berth.core.sdk.PackageTemplates;
import dev.berth.core.spec.PlacementRule;
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
        // every broker reserves a controller port, but only the first three (KafkaLayout) advertise it
        assertThat(server.ports()).extracting(p -> p.endpointInstances()).containsExactly(0, KafkaLayout.CONTROLLERS);
        // a lower brokers.count is a scale-down the package's decommission hook carries out
        assertThat(broker.allowDecommission()).isTrue();
        assertThat(kafka.options(Map.of()).values()).containsEntry("brokers.reassignment_throttle", 0L);
    }

    /** Renders a config of the server task as a launch does: with the hooks' {@code package.*} values. */
    String render(Options options, String dest, int index, String ip, List<String> controllers) {
        TaskSpec server = kafka.render("kafka", options).pod("broker").orElseThrow().task("server").orElseThrow();
        String template = server.configs().stream().filter(c -> c.dest().equals(dest)).findFirst().orElseThrow().template();
        return new PackageTemplates(new KafkaHooks()).apply(template, new TemplateContext("kafka", options.nested(), "broker",
                index, "server", ip, Map.of(), Map.of("broker", 31000, "controller", 31001),
                controllers.isEmpty() ? Map.of() : Map.of("controller", controllers), "c1").toMap());
    }

    @Test
    void theFirstThreeBrokersAreControllersOfADynamicQuorumAndTheOthersFindThem() {
        Options options = kafka.options(Map.of("brokers.count", "4"));
        List<String> earlier = List.of("127.0.0.2:31001", "127.0.0.3:31001", "127.0.0.4:31001");
        String first = render(options, "server.properties", 0, "127.0.0.2", List.of());
        String second = render(options, "server.properties", 1, "127.0.0.3", earlier.subList(0, 1));
        String fourth = render(options, "server.properties", 3, "127.0.0.5", earlier);
        assertThat(first).contains("node.id=0", "process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.2:31000,CONTROLLER://127.0.0.2:31001",
                "controller.quorum.bootstrap.servers=127.0.0.2:31001\n", "log.dirs=data/logs",
                "offsets.topic.replication.factor=3", "transaction.state.log.min.isr=2");
        assertThat(second).contains("node.id=1", "process.roles=broker,controller",
                "listeners=PLAINTEXT://127.0.0.3:31000,CONTROLLER://127.0.0.3:31001",
                "controller.quorum.bootstrap.servers=127.0.0.2:31001,127.0.0.3:31001\n");
        assertThat(fourth).contains("node.id=3", "process.roles=broker\n", "listeners=PLAINTEXT://127.0.0.5:31000\n",
                "controller.quorum.bootstrap.servers=127.0.0.2:31001,127.0.0.3:31001,127.0.0.4:31001\n",
                "advertised.listeners=PLAINTEXT://127.0.0.5:31000");
        assertThat(render(options, "format.args", 0, "127.0.0.2", List.of()).trim()).isEqualTo("--standalone");
        assertThat(render(options, "format.args", 1, "127.0.0.3", earlier.subList(0, 1)).trim()).isEqualTo("--no-initial-controllers");
        assertThat(render(options, "format.args", 3, "127.0.0.5", earlier).trim()).isEmpty();
    }

    @Test
    void aReplacedBroker0JoinsTheQuorumTheOthersKeepInsteadOfFormattingANewOne() {
        Options options = kafka.defaults();
        TaskSpec server = kafka.render("kafka", options).pod("broker").orElseThrow().task("server").orElseThrow();
        Map<String, Object> context = new java.util.HashMap<>(new TemplateContext("kafka", options.nested(), "broker", 0,
                "server", "127.0.0.5", Map.of(), Map.of("broker", 31000, "controller", 31001),
                Map.of("controller", List.of("127.0.0.3:31001", "127.0.0.4:31001")), "c2").toMap());
        context.put("replace_ip", "127.0.0.2");
        PackageTemplates templates = new PackageTemplates(new KafkaHooks());
        String format = server.configs().stream().filter(c -> c.dest().equals("format.args")).findFirst().orElseThrow().template();
        String properties = server.configs().stream().filter(c -> c.dest().equals("server.properties")).findFirst().orElseThrow().template();

        assertThat(templates.apply(format, context).trim()).isEqualTo("--no-initial-controllers");
        assertThat(templates.apply(properties, context))
                .contains("controller.quorum.bootstrap.servers=127.0.0.3:31001,127.0.0.4:31001,127.0.0.5:31001\n");
    }

    @Test
    void serverPropertiesArePassedThroughAndBerthsOwnAreRefused() {
        Options options = kafka.options(Map.of("kafka.server_properties", "log.retention.hours=24; num.io.threads=4"));
        assertThat(render(options, "server.properties", 1, "127.0.0.3", List.of("127.0.0.2:31001")))
                .contains("log.retention.hours=24\nnum.io.threads=4\n");
        assertThat(new KafkaHooks().invalidOptions(kafka.options(Map.of("kafka.server_properties", "node.id=4;junk")).values(),
                java.util.Optional.empty())).extracting(Object::toString).containsExactly(
                "kafka.server_properties: node.id is set by Berth from the broker's pod; it cannot be passed through",
                "kafka.server_properties: 'junk' is not KEY=VALUE");
    }

    @Test
    void brokersSpreadAcrossZonesWhenAsked() {
        assertThat(kafka.render("kafka", kafka.defaults()).pod("broker").orElseThrow().placement())
                .containsExactly(new PlacementRule.UniqueAgent());
        assertThat(kafka.render("kafka", kafka.options(Map.of("brokers.spread_by_zone", "true"))).pod("broker").orElseThrow()
                .placement()).containsExactly(new PlacementRule.UniqueAgent(),
                new PlacementRule.SpreadBy("zone"));
    }

    @Test
    void badOptionsAreRefusedWithTheirMessage() {
        assertThatThrownBy(() -> kafka.options(Map.of("brokers.count", "0")))
                .hasMessageContaining("brokers.count: 0 is below the minimum 1");
        assertThatThrownBy(() -> kafka.options(Map.of("kafka.version", "3.9.0")))
                .hasMessageContaining("kafka.version").hasMessageContaining("3.9.0");
    }
}
