package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pure parts: seed picking, rack and JMX port lookups. */
class CassandraValuesTest {
    @Test
    void seedsAreTheFirstKnownEndpointsElseTheNodeItself() {
        assertThat(Seeds.pick("", 2, "127.0.0.2:31000")).isEqualTo("127.0.0.2:31000");
        assertThat(Seeds.pick(null, 1, "127.0.0.2:31000")).isEqualTo("127.0.0.2:31000");
        assertThat(Seeds.pick("a:1,b:2,c:3", 2, "x:9")).isEqualTo("a:1,b:2");
        assertThat(Seeds.pick("a:1", 3, "x:9")).isEqualTo("a:1");
    }

    @Test
    void theRackAndTheJmxPortOnAnAgent() {
        assertThat(CassandraTemplateValues.rack(Map.of("rack", " r1 ", "zone", "z"))).isEqualTo("r1");
        assertThat(CassandraTemplateValues.rack(Map.of("zone", "z"))).isEqualTo("z");
        assertThat(CassandraTemplateValues.rack(Map.of())).isEqualTo("rack1");
        assertThat(CassandraTemplateValues.jmxPortOn("127.0.0.2:31002,127.0.0.3:31007", "127.0.0.3")).hasValue(31007);
        assertThat(CassandraTemplateValues.jmxPortOn("127.0.0.2:31002", "127.0.0.20")).isEmpty();
        assertThat(CassandraTemplateValues.jmxPortOn("", "")).isEmpty();
    }
}
