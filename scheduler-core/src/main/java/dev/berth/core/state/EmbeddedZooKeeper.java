package dev.berth.core.state;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A single ZooKeeper server inside the Berth process, for the embedded default ({@code berth up}):
 * real ZooKeeper, its data under the given directory so a restart resumes, listening on loopback
 * only. Beyond one machine, Berth runs against a real ensemble instead.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private final ZooKeeperServerEmbedded server;
    private final String connectString;

    private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
        this.server = server;
        this.connectString = connectString;
    }

    /**
     * Starts the server; a port another process holds (another {@code berth up}, a ZooKeeper) is refused at
     * once: the embedded server would only log it and run on, and the master would wait forever for a leader.
     */
    public static EmbeddedZooKeeper start(Path dataDir, String host, int port) throws Exception {
        requireFree(host, port);
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", host);
        p.setProperty("tickTime", "500");
        p.setProperty("initLimit", "10");
        p.setProperty("syncLimit", "5");
        p.setProperty("admin.enableServer", "false");
        p.setProperty("4lw.commands.whitelist", "ruok,srvr");
        ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(dataDir)
                .configuration(p)
                .exitHandler(ExitHandler.LOG_ONLY)
                .build();
        server.start();
        return new EmbeddedZooKeeper(server, host + ":" + port);
    }

    private static void requireFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("--zk-port: " + host + ":" + port + " is in use (another berth up, or a"
                    + " ZooKeeper, still running?); stop it or choose another port with --zk-port", e);
        }
    }

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
    }
}
