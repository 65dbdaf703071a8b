package dev.berth.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {
    @Test
    void doesNotEscapeHtml() {
        assertThat(ConfigRenderer.render("a={{a}} b={{b.c}} missing=[{{nope}}]",
                Map.of("a", "x & <y> \"z\"", "b", Map.of("c", 3L)))).isEqualTo("a=x & <y> \"z\" b=3 missing=[]");
    }

    @Test
    void malformedTemplateNamesIt() {
        assertThatThrownBy(() -> ConfigRenderer.render("server.properties", "{{#a}}open", Map.of()))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).field()).isEqualTo("server.properties"));
    }

    @Test
    void templateContextGivesStableNames() {
        TemplateContext context = new TemplateContext("hello", Map.of("hello", Map.of("message", "hi")), "hello", 2,
                "server", "127.0.0.3", Map.of("zone", "a"), Map.of("hello", 31000),
                Map.of("hello", List.of("127.0.0.2:31000", "127.0.0.3:31001")), "cfg-1");

        assertThat(ConfigRenderer.render("{{service.name}} {{pod.instance}} {{pod.index}} {{task.instance}} "
                + "{{agent.ip}} {{agent.attributes.zone}} {{ports.hello}} {{endpoints.hello}} {{config.id}} "
                + "{{hello.message}}", context.toMap()))
                .isEqualTo("hello hello-2 2 hello-2-server 127.0.0.3 a 31000 127.0.0.2:31000,127.0.0.3:31001 cfg-1 hi");
    }
}
