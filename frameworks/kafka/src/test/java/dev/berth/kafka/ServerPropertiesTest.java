package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * kafka.server_properties is read as the broker reads server.properties (java.util.Properties), so a
 * key Berth owns is refused however it is spelled, and what is rendered reads back as what was checked.
 */
class ServerPropertiesTest {
    /** What the broker does with the rendered lines: Properties.load of the file's bytes (ISO-8859-1). */
    static Map<String, String> asTheBrokerReads(String rendered) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> out = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
        return out;
    }

    static List<Violation> violations(String value) {
        return ServerProperties.violations(Map.of(ServerProperties.OPTION, value));
    }

    @Test
    void anOwnedKeyIsRefusedHoweverPropertiesLetsItBeSpelled() throws IOException {
        for (String disguised : List.of("log\\u002edirs=/tmp/x", "log.dirs:/tmp/x", "log.dirs /tmp/x", "log.dirs\t/tmp/x",
                "log.\\\ndirs=/x", "log.\\\n    dirs=/x", "log.\\;dirs=/x", "  log.dirs = /tmp/x", "\\u006cog.dirs=/x",
                "num.io.threads=4;log\\\r\n.dirs=/x")) {
            // the broker would see log.dirs in what the option says
            assertThat(asTheBrokerReads(disguised.replace(';', '\n'))).as(disguised).containsKey("log.dirs");
            assertThat(violations(disguised)).as(disguised).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("kafka.server_properties");
                assertThat(v.message()).startsWith("log.dirs").endsWith(" is set by Berth from the broker's pod; it cannot be passed through");
            });
            assertThatThrownBy(() -> ServerProperties.lines(disguised)).isInstanceOf(SpecException.class);
        }
    }

    @Test
    void theListenersTlsSettingsAreBerthsKafkaTlsDecidesThem() {
        assertThat(violations("ssl.keystore.location=/etc/other.pem;listener.name.ssl.ssl.client.auth=required;"
                + "security.inter.broker.protocol=PLAINTEXT;num.io.threads=4")).extracting(Violation::toString).containsExactly(
                "kafka.server_properties: ssl.keystore.location is set by Berth for the listeners' security (the option "
                        + "kafka.tls); it cannot be passed through",
                "kafka.server_properties: listener.name.ssl.ssl.client.auth is set by Berth for the listeners' security (the "
                        + "option kafka.tls); it cannot be passed through",
                "kafka.server_properties: security.inter.broker.protocol is set by Berth for the listeners' security (the "
                        + "option kafka.tls); it cannot be passed through");
    }

    @Test
    void aDisguisedKeyIsNamedWithHowItWasWritten() {
        assertThat(violations("num.io.threads=4;log\\u002edirs=/tmp/x")).extracting(Violation::toString).containsExactly(
                "kafka.server_properties: log.dirs (written 'log\\u002edirs=/tmp/x') is set by Berth from the broker's pod;"
                        + " it cannot be passed through");
        assertThat(violations("node.id:3")).extracting(Violation::toString).containsExactly(
                "kafka.server_properties: node.id is set by Berth from the broker's pod; it cannot be passed through");
        // one message per key, however often it is set
        assertThat(violations("node.id=3;node\\u002eid=4")).hasSize(1);
    }

    @Test
    void plainSettingsRenderAsBeforeAndOtherSeparatorsAsEquals() {
        assertThat(ServerProperties.lines("log.retention.hours=24; num.io.threads=4"))
                .isEqualTo("log.retention.hours=24\nnum.io.threads=4\n");
        assertThat(ServerProperties.lines("replica.lag.time.max.ms=4000;auto.create.topics.enable=false\n"))
                .isEqualTo("replica.lag.time.max.ms=4000\nauto.create.topics.enable=false\n");
        assertThat(ServerProperties.lines("")).isEmpty();
        assertThat(ServerProperties.lines("  ;\n ;")).isEmpty();
        // Kafka's list values keep their commas; a value may hold '=' and ':'
        assertThat(ServerProperties.lines("log.cleanup.policy=compact,delete;sasl.kerberos.principal.to.local.rules=RULE:[1:$1]"))
                .isEqualTo("log.cleanup.policy=compact,delete\nsasl.kerberos.principal.to.local.rules=RULE:[1:$1]\n");
        // the other separators Properties knows are written as '='; a repeated key keeps its last value
        assertThat(ServerProperties.lines("num.io.threads:4;num.network.threads 3;num.io.threads=8"))
                .isEqualTo("num.io.threads=8\nnum.network.threads=3\n");
        // comments are left out, as the broker leaves them
        assertThat(ServerProperties.lines("# tuned for SSDs\nnum.io.threads=8;!old")).isEqualTo("num.io.threads=8\n");
    }

    @Test
    void whatIsRenderedReadsBackAsWhatWasChecked() throws IOException {
        String option = "a.key=  leading spaces kept;"
                + "b\\ key\\=x=value with \\\\ a backslash;"
                + "c.key=two\\nlines log.dirs=/smuggled;"
                + "d.key=caf\\u00e9 \u00fc \u4e2d;"
                + "\\#e.key=#not a comment;"
                + "f.key=;"
                + "g.key=tab\\there\\r\\f;"
                + "h.key=very \\\n   long";
        Map<String, String> parsed = ServerProperties.parse(option);
        assertThat(parsed).containsEntry("a.key", "leading spaces kept").containsEntry("b key=x", "value with \\ a backslash")
                .containsEntry("c.key", "two\nlines log.dirs=/smuggled").containsEntry("d.key", "caf\u00e9 \u00fc \u4e2d")
                .containsEntry("#e.key", "#not a comment").containsEntry("f.key", "").containsEntry("g.key", "tab\there\r\f")
                .containsEntry("h.key", "very long").hasSize(8);

        String rendered = ServerProperties.lines(option);
        assertThat(asTheBrokerReads(rendered)).isEqualTo(parsed);
        assertThat(rendered.lines()).hasSize(8);
        assertThat(rendered.chars()).allMatch(c -> c == '\n' || c >= 0x20 && c <= 0x7e);
        assertThat(rendered).contains("b\\ key\\=x=value with \\\\ a backslash\n", "d.key=caf\\u00E9 \\u00FC \\u4E2D\n",
                "\\#e.key=#not a comment\n", "c.key=two\\nlines log.dirs=/smuggled\n");

        Map<String, String> leading = ServerProperties.parse("a=\\  x");
        assertThat(leading).containsEntry("a", "  x");
        assertThat(asTheBrokerReads(ServerProperties.lines("a=\\  x"))).isEqualTo(leading);
    }

    @Test
    void anEntryWithoutAValueOrAKeyIsNotKeyValue() {
        assertThat(violations("junk;=5;num.io.threads=4;trailing  ;empty.value=")).extracting(Violation::toString).containsExactly(
                "kafka.server_properties: 'junk' is not KEY=VALUE",
                "kafka.server_properties: '=5' is not KEY=VALUE",
                "kafka.server_properties: 'trailing' is not KEY=VALUE");
        assertThat(violations("a=\\u12G4;node.id=1")).extracting(Violation::toString).containsExactly(
                "kafka.server_properties: 'a=\\u12G4' cannot be read as server.properties: a \\u escape needs four hex digits (\\uXXXX)",
                "kafka.server_properties: node.id is set by Berth from the broker's pod; it cannot be passed through");
        assertThat(violations("log.retention.hours=24")).isEmpty();
    }
}
