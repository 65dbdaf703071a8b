package dev.berth.cassandra.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the files of a snapshot in a node's data directory ({@code data_file_directories}, laid out
 * {@code KEYSPACE/TABLE-ID/snapshots/TAG/…}), in the keyspaces a backup holds: the ones asked for, or
 * every keyspace but Cassandra's own ({@code system*}), which a restore must never overwrite (they hold
 * the node's identity, the ring's view and the roles).
 */
public final class SnapshotFiles {
    private SnapshotFiles() {
    }

    public static List<SnapshotFile> find(Path dataDir, String tag, Set<String> keyspaces) throws IOException {
        List<SnapshotFile> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("no data directory " + dataDir + ": the task does not see its node's volume");
        }
        for (Path keyspace : list(dataDir)) {
            String ks = keyspace.getFileName().toString();
            if (!Files.isDirectory(keyspace) || !(keyspaces.isEmpty() ? !isSystem(ks) : keyspaces.contains(ks))) {
                continue;
            }
            for (Path table : list(keyspace)) {
                Path snapshot = table.resolve("snapshots").resolve(tag);
                if (!Files.isDirectory(snapshot)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(snapshot)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.add(new SnapshotFile(ks, table.getFileName().toString(),
                                snapshot.relativize(f).toString().replace('\\', '/'), f));
                    }
                }
            }
        }
        return out;
    }

    /** Cassandra's own keyspaces: system, system_schema, system_auth, system_traces, system_distributed… */
    public static boolean isSystem(String keyspace) {
        return keyspace.equals("system") || keyspace.startsWith("system_");
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.comparing(Path::toString)).toList();
        }
    }
}
