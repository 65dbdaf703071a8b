package dev.berth.core.sdk.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An endpoint's address reads and prints as host:port, and bad text is refused with what was expected. */
class HostPortTest {
    @Test
    void anAddressReadsAndPrintsAsHostColonPort() {
        HostPort a = HostPort.parse(" 127.0.0.3:31001 ");
        assertThat(a).isEqualTo(new HostPort("127.0.0.3", 31001));
        assertThat(a.toString()).isEqualTo("127.0.0.3:31001");
        assertThat(HostPort.parse("node-0.example:9042").host()).isEqualTo("node-0.example");
    }

    @Test
    void badAddressesAreRefusedNamingTheTextAndTheFormExpected() {
        assertThatThrownBy(() -> HostPort.parse("127.0.0.3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address: '127.0.0.3' is not valid; expected HOST:PORT such as 127.0.0.2:31000");
        assertThatThrownBy(() -> HostPort.parse(":31000")).hasMessageContaining("':31000' is not valid");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.3:")).hasMessageContaining("'127.0.0.3:' is not valid");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.3:http"))
                .hasMessage("address: '127.0.0.3:http' is not valid; expected HOST:PORT with a port of 1 to 65535");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.3:70000"))
                .hasMessage("port: 70000 is not valid; expected 1 to 65535");
        assertThatThrownBy(() -> new HostPort(" ", 31000)).hasMessageContaining("host: ' ' is not valid");
        assertThatThrownBy(() -> new HostPort("127.0.0.3", 0)).hasMessage("port: 0 is not valid; expected 1 to 65535");
    }
}
