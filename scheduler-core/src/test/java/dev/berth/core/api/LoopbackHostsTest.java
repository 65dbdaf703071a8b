package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DNS rebinding: an API on loopback answers only requests addressed to a loopback host. */
class LoopbackHostsTest {
    @Test
    void onLoopbackOnlyLoopbackHostsAreAnswered() {
        assertThat(LoopbackHosts.refusal("127.0.0.1", "127.0.0.1:8080")).isEmpty();
        assertThat(LoopbackHosts.refusal("127.0.0.1", "localhost:8080")).isEmpty();
        assertThat(LoopbackHosts.refusal("127.0.0.1", "[::1]:8080")).isEmpty();
        assertThat(LoopbackHosts.refusal("127.0.0.1", "evil.example:8080")).get().asString()
                .contains("Host 'evil.example:8080' is not a loopback address");
        assertThat(LoopbackHosts.refusal("127.0.0.1", null)).isPresent();
    }

    @Test
    void anApiOnAnotherAddressTakesAnyHost() {
        assertThat(LoopbackHosts.refusal("0.0.0.0", "berth.example:8080")).isEmpty();
        assertThat(LoopbackHosts.refusal("10.0.0.5", "10.0.0.5:8080")).isEmpty();
    }
}
