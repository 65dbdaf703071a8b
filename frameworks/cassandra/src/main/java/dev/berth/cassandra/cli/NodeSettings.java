package dev.berth.cassandra.cli;

import dev.berth.cassandra.Login;
import dev.berth.cassandra.NodeSnapshots;
import dev.berth.cassandra.backup.BackupLocation;
import dev.berth.cassandra.backup.BackupStore;
import dev.berth.cassandra.backup.BackupStores;
import dev.berth.cassandra.backup.StoreCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a backup or restore task reads from its rendered {@code backup.properties}: its node, the node's
 * JMX and login, the service, and the store.
 */
record NodeSettings(Properties p) {
    static NodeSettings read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new NodeSettings(p);
    }

    String node() {
        return required("node");
    }

    String service() {
        return required("service");
    }

    NodeSnapshots jmx() {
        Optional<Login> login = text("jmx.user").map(u -> new Login(u, p.getProperty("jmx.password", "")));
        return NodeSnapshots.of(node(), Integer.parseInt(required("index")), required("jmx.host"),
                Integer.parseInt(required("jmx.port")), login);
    }

    BackupStore store() throws IOException {
        BackupLocation location = BackupLocation.parse(required("location"), p.getProperty("s3.endpoint", ""),
                p.getProperty("s3.region", ""));
        Optional<StoreCredentials> credentials = text("s3.access_key")
                .map(k -> new StoreCredentials(k, p.getProperty("s3.secret_key", "")));
        return BackupStores.open(location, credentials);
    }

    private String required(String key) {
        return text(key).orElseThrow(() -> new IllegalArgumentException(key + ": missing in the backup settings"));
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
