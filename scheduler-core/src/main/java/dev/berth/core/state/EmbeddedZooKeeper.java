package dev.berth.core.state;

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

    public static EmbeddedZooKeeper start(Path dataDir, String host, int port) throws Exception {
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

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        server.close();
    }
}
