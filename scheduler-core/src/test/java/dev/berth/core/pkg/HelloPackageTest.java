package dev.berth.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.CheckSpec;
import dev.berth.core.spec.ConfigRenderer;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PhaseSpec;
import dev.berth.core.spec.PlacementRule;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.SpecRenderer;
import dev.berth.core.spec.SpecUpdateValidator;
import dev.berth.core.spec.Strategy;
import dev.berth.core.spec.TaskSpec;
import dev.berth.core.spec.TemplateContext;
import dev.berth.core.spec.VolumeSpec;
import dev.berth.core.spec.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hello package, from options to a service spec to a rendered config file, as install and update use it. */
class HelloPackageTest {
    private static Package hello;

    @BeforeAll
    static void load() {
        hello = PackageRepository.classpath().get("hello");
    }

    @Test
    void rendersWithDefaults() {
        ServiceSpec spec = hello.render("hello", hello.defaults());

        assertThat(spec.name()).isEqualTo("hello");
        assertThat(spec.role()).isEqualTo("berth/hello");
        assertThat(spec.principal()).isEqualTo("service:hello");
        PodSpec pod = spec.pod("hello").orElseThrow();
        assertThat(pod.count()).isEqualTo(3);
        assertThat(pod.placement()).containsExactly(new PlacementRule.UniqueAgent());
        assertThat(pod.volumes()).containsExactly(new VolumeSpec("data", 16, "ROOT"));
        assertThat(pod.allowDecommission()).isTrue();
        TaskSpec server = pod.task("server").orElseThrow();
        assertThat(server.goal()).isEqualTo(GoalState.RUNNING);
        assertThat(server.cmd()).isEqualTo("echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) $(tr '\\n' ' ' < hello.conf)\" "
                + "| tee -a data/hello.log && exec sleep 100000");
        assertThat(server.cpus()).isEqualTo(0.1);
        assertThat(server.memMib()).isEqualTo(32);
        assertThat(server.ports()).containsExactly(new PortSpec("hello", 0, "PORT_HELLO", "hello"));
        assertThat(server.configs()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("hello-conf");
            assertThat(c.dest()).isEqualTo("hello.conf");
            assertThat(c.template()).isEqualTo(hello.templates().get("hello.conf.mustache"));
        });
        assertThat(server.readiness()).contains(new CheckSpec("test -s data/hello.log", Duration.ofSeconds(2),
                Duration.ZERO, Duration.ofSeconds(5), 3));
        assertThat(server.health()).isEmpty();
        assertThat(server.killGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.plans()).singleElement().satisfies(plan -> {
            assertThat(plan.name()).isEqualTo("deploy");
            assertThat(plan.strategy()).isEqualTo(Strategy.SERIAL);
            assertThat(plan.phases()).containsExactly(new PhaseSpec("hello", "hello", Strategy.SERIAL, List.of()));
        });
    }

    @Test
    void rendersWithOverridesUnderAnotherName() {
        Options options = hello.options(Map.of("hello.count", "5", "hello.cpus", "0.25", "hello.mem", "64",
                "hello.disk", "32", "hello.sleep", "7"));
        ServiceSpec spec = hello.render("greeter", options);

        assertThat(spec.name()).isEqualTo("greeter");
        assertThat(spec.role()).isEqualTo("berth/greeter");
        PodSpec pod = spec.pods().get(0);
        assertThat(pod.count()).isEqualTo(5);
        assertThat(pod.volumes()).containsExactly(new VolumeSpec("data", 32, "ROOT"));
        assertThat(pod.tasks().get(0).cpus()).isEqualTo(0.25);
        assertThat(pod.tasks().get(0).memMib()).isEqualTo(64);
        assertThat(pod.tasks().get(0).cmd()).endsWith("exec sleep 7");
    }

    @Test
    void configTemplateRendersAtLaunchWithoutEscaping() {
        Options options = hello.options(Map.of("hello.message", "fish & chips <3"));
        ServiceSpec spec = hello.render("hello", options);
        String template = spec.pods().get(0).tasks().get(0).configs().get(0).template();
        TemplateContext context = new TemplateContext("hello", options.nested(), "hello", 1, "server", "127.0.0.3",
                Map.of(), Map.of("hello", 31001), Map.of(), "c1");

        assertThat(ConfigRenderer.render(template, context.toMap())).isEqualTo("""
                service=hello
                instance=hello-1
                host=127.0.0.3
                port=31001
                config=c1
                message=fish & chips <3
                """);
    }

    @Test
    void updateRulesOnTheHelloPackage() {
        ServiceSpec installed = hello.render("hello", hello.defaults());

        assertThat(SpecUpdateValidator.violations(installed,
                hello.render("hello", hello.options(Map.of("hello.count", "4", "hello.message", "bye"))))).isEmpty();
        // hello allows decommission, so a lower count passes; a volume change does not
        assertThat(SpecUpdateValidator.violations(installed,
                hello.render("hello", hello.options(Map.of("hello.count", "2", "hello.disk", "32")))))
                .extracting(Violation::toString).containsExactly(
                        "pods.hello.volumes.data: size 16 MiB -> 32 MiB; volumes cannot change once created");
    }

    @Test
    void aBrokenSpecTemplateIsReportedWithItsPath() {
        assertThatThrownBy(() -> SpecRenderer.render("hello",
                hello.specTemplate().replace("cpus: {{hello.cpus}}", "cpus: x{{hello.cpus}}"),
                hello.defaults().nested(), hello.templates()))
                .isInstanceOf(SpecException.class)
                .hasMessage("invalid service spec 'hello': pods.hello.tasks.server.cpus: 'x0.1' is not a number");
        assertThatThrownBy(() -> SpecRenderer.render("hello", "{{#hello}}name: x", Map.of(), Map.of()))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).field()).isEqualTo("svc.yaml"));
    }

    @Test
    void serviceNameMustBeAValidName() {
        assertThatThrownBy(() -> hello.render("Hello_World", hello.defaults()))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("name: 'Hello_World' is not a valid name");
    }
}
