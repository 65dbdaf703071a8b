package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.HostPort;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small pure parts: seed picking, rack and JMX port lookups. */
class CassandraValuesTest {
    static List<HostPort> addresses(String list) {
        return Arrays.stream(list.split(",")).map(HostPort::parse).toList();
    }

    static Optional<HostPort> at(String address) {
        return Optional.of(HostPort.parse(address));
    }

    @Test
    void seedsAreTheFirstKnownEndpointsElseTheNodeItself() {
        assertThat(Seeds.pick(List.of(), 2, at("127.0.0.2:31000"))).isEqualTo("127.0.0.2:31000");
        assertThat(Seeds.pick(List.of(), 1, at("127.0.0.2:31000"))).isEqualTo("127.0.0.2:31000");
        assertThat(Seeds.pick(addresses("a:1,b:2,c:3"), 2, at("x:9"))).isEqualTo("a:1,b:2");
        assertThat(Seeds.pick(addresses("a:1"), 3, at("x:9"))).isEqualTo("a:1");
        // an update renders without the node's own address
        assertThat(Seeds.pick(List.of(), 1, Optional.empty())).isEmpty();
    }

    @Test
    void theRackAndTheJmxPortOnAnAgent() {
        assertThat(CassandraTemplateValues.rack(Map.of("rack", " r1 ", "zone", "z"))).isEqualTo("r1");
        assertThat(CassandraTemplateValues.rack(Map.of("zone", "z"))).isEqualTo("z");
        assertThat(CassandraTemplateValues.rack(Map.of())).isEqualTo("rack1");
        assertThat(CassandraTemplateValues.jmxPortOn(addresses("127.0.0.2:31002,127.0.0.3:31007"), "127.0.0.3")).hasValue(31007);
        assertThat(CassandraTemplateValues.jmxPortOn(addresses("127.0.0.2:31002"), "127.0.0.20")).isEmpty();
        assertThat(CassandraTemplateValues.jmxPortOn(List.of(), "")).isEmpty();
    }
}
