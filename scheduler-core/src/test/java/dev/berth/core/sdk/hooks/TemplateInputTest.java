package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.pkg.Options;
import dev.berth.core.spec.TemplateContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A package reads what the templates see through typed accessors, from the very map the launch makes. */
class TemplateInputTest {
    static final Map<String, Object> OPTIONS = Options.nested(Map.of("brokers.count", 5L, "brokers.spread", true,
            "kafka.server_properties", "num.io.threads=4", "kafka.listeners", List.of("a", "b"), "kafka.flag", "false"));

    static Map<String, Object> launch() {
        return new TemplateContext("kafka", OPTIONS, "broker", 3, "server", "127.0.0.5", Map.of("zone", "a"),
                Map.of("broker", 31000, "controller", 31001),
                Map.of("controller", List.of("127.0.0.2:31001", "127.0.0.3:31001")), "c1").toMap();
    }

    @Test
    void aLaunchsContextReadsTyped() {
        Map<String, Object> map = new HashMap<>(launch());
        map.put("replace_ip", "127.0.0.9");
        TemplateInput in = TemplateInput.of(map);

        assertThat(in.podType()).isEqualTo("broker");
        assertThat(in.podIndex()).isEqualTo(3);
        assertThat(in.agentIp()).isEqualTo("127.0.0.5");
        assertThat(in.agentAttributes()).isEqualTo(Map.of("zone", "a"));
        assertThat(in.port("controller")).contains(31001);
        assertThat(in.port("jmx")).isEmpty();
        assertThat(in.address("controller")).contains(new HostPort("127.0.0.5", 31001));
        assertThat(in.endpoint("controller")).containsExactly(new HostPort("127.0.0.2", 31001), new HostPort("127.0.0.3", 31001));
        assertThat(in.endpoint("broker")).isEmpty();
        assertThat(in.replacedIp()).contains("127.0.0.9");
        assertThat(TemplateInput.of(launch()).replacedIp()).isEmpty();
    }

    @Test
    void optionsAreFoundByTheDotsOfTheirKeys() {
        TemplateInput in = TemplateInput.of(launch());

        assertThat(in.optionNumber("brokers.count")).contains(5L);
        assertThat(in.optionText("brokers.count")).contains("5");
        assertThat(in.optionBoolean("brokers.spread")).contains(true);
        assertThat(in.optionBoolean("kafka.flag")).contains(false);
        assertThat(in.optionText("kafka.server_properties")).contains("num.io.threads=4");
        assertThat(in.optionText("kafka.listeners")).contains("a,b");
        assertThat(in.optionText("kafka.version")).isEmpty();
        assertThat(in.optionNumber("nodes.count")).isEmpty();
        assertThat(in.optionText("brokers.count.more")).isEmpty();
    }

    @Test
    void anUpdatesRenderHasNoAgentPortsOrEndpointsAndReadsEmpty() {
        TemplateInput in = TemplateInput.of(new TemplateContext("kafka", OPTIONS, "broker", 0, "server", "", Map.of(),
                Map.of(), Map.of(), "").toMap());

        assertThat(in.agentIp()).isEmpty();
        assertThat(in.agentAttributes()).isEmpty();
        assertThat(in.port("controller")).isEmpty();
        assertThat(in.address("controller")).isEmpty();
        assertThat(in.endpoint("controller")).isEmpty();
        assertThat(TemplateInput.of(Map.of()).podType()).isEmpty();
    }

    @Test
    void aValueOfTheWrongKindIsRefusedNamingItAndWhatIsExpected() {
        TemplateInput in = TemplateInput.of(launch());
        assertThatThrownBy(() -> in.optionNumber("kafka.server_properties")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template context kafka.server_properties: 'num.io.threads=4' is not valid; expected a whole number");
        assertThatThrownBy(() -> in.optionBoolean("brokers.count"))
                .hasMessage("template context brokers.count: '5' is not valid; expected true or false");
        assertThatThrownBy(() -> in.optionText("brokers"))
                .hasMessageStartingWith("template context brokers: is a group of options [");
        assertThatThrownBy(() -> TemplateInput.of(Map.of()).podIndex())
                .hasMessage("template context pod.index: missing; expected the index of the pod instance, 0 or more");
        assertThatThrownBy(() -> TemplateInput.of(Map.of("pod", Map.of("index", -1))).podIndex())
                .hasMessage("template context pod.index: '-1' is not valid; expected the index of the pod instance, 0 or more");
        assertThatThrownBy(() -> TemplateInput.of(Map.of("ports", Map.of("jmx", "x"))).port("jmx"))
                .hasMessage("template context ports.jmx: 'x' is not valid; expected a port number, 1 to 65535");
        assertThatThrownBy(() -> TemplateInput.of(Map.of("agent", "127.0.0.2")).agentIp())
                .hasMessage("template context agent: '127.0.0.2' is not valid; expected a group of values, as TemplateContext makes it");
        assertThatThrownBy(() -> TemplateInput.of(Map.of("endpoints", Map.of("jmx", "127.0.0.2"))).endpoint("jmx"))
                .hasMessageStartingWith("template context endpoints.jmx: '127.0.0.2' is not valid (address: '127.0.0.2' is not valid;");
    }
}
