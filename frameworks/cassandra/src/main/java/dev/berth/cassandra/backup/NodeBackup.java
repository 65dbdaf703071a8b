package dev.berth.cassandra.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One node's share of a backup, run by its backup task on the node's own agent: upload every file of the
 * node's snapshot {@code backup} that the store does not hold yet, then the node's part of the backup
 * ({@link NodeBackupPart}) naming every file with its SHA-256. Taking and clearing the snapshot is the
 * caller's (it talks to the node); this class only reads files and writes to the store.
 */
public final class NodeBackup {
    private final BackupStore store;
    private final String service;
    private final Consumer<String> progress;
    private final Clock clock;

    public NodeBackup(BackupStore store, String service, Consumer<String> progress, Clock clock) {
        this.store = store;
        this.service = service;
        this.progress = progress;
        this.clock = clock;
    }

    /** Uploads the snapshot {@code backup} of {@code node} found under {@code dataDir}, and the node's part. */
    public NodeBackupPart upload(String backup, NodeFacts node, Path dataDir, Set<String> keyspaces) throws IOException {
        List<SnapshotFile> found = SnapshotFiles.find(dataDir, backup, keyspaces);
        List<BackupFile> files = new ArrayList<>();
        long sent = 0;
        for (SnapshotFile f : found) {
            String key = BackupLayout.sstable(service, node.instance(), f.keyspace(), f.table(), f.name());
            long size = Files.size(f.path());
            String sha = sha256(f.path());
            sent += store.putIfAbsent(key, f.path());
            files.add(new BackupFile(key, f.keyspace(), f.table(), f.name(), size, sha));
        }
        NodeBackupPart part = new NodeBackupPart(backup, node, files, sent, clock.instant());
        store.putBytes(BackupLayout.nodePart(service, backup, node.instance()), Json.MAPPER.writeValueAsBytes(part));
        progress.accept(node.instance() + ": " + files.size() + " files, " + part.bytes() + " bytes in backup " + backup
                + ", " + sent + " bytes uploaded (the store held the rest)");
        return part;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The JSON of backup parts and manifests: dates as text, so an operator reads them as they are. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

        private Json() {
        }
    }
}
