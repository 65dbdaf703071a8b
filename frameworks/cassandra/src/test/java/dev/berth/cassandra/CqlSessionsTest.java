package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a session through one node says when no node answers. */
class CqlSessionsTest {

    /** A loopback port nothing listens on: bound, then closed. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void whenNoNodeAnswersTheFailureNamesEveryNodeTried() throws IOException {
        String first = "127.0.0.1:" + closedPort();
        String second = "127.0.0.1:" + closedPort();
        assertThatThrownBy(() -> CqlSessions.openOnOneNode(first + "," + second, "dc1", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(2)))
                .isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("could not reach any node of " + first + "," + second)
                // and the driver's account of each, as a session on all of them gives it
                .hasMessageContaining("endPoint=/" + first).hasMessageContaining("endPoint=/" + second)
                .satisfies(e -> assertThat(((AllNodesFailedException) e).getAllErrors()).hasSize(2));
    }
}
