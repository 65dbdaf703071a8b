package dev.berth.core.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth up's ZooKeeper: a port another process holds is an error at once, not a cluster that never elects. */
class EmbeddedZooKeeperTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseFailsTheStartNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(dir, "127.0.0.1", port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--zk-port: 127.0.0.1:" + port + " is in use");
        }
    }
}
