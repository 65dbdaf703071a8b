package dev.berth.cassandra.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A backup store in a directory: each key a file under the root. A file is written under
 * {@code .berth-incoming/} in the root, synced, and moved into place in one atomic rename (same file
 * system), so a reader or a later run never finds half a file under a key, even after a crash.
 *
 * <p>Backups hold the database's data, so what this store creates is the owner's alone: directories
 * {@code rwx------}, files {@code rw-------} ({@link OwnerOnly}).
 */
final class DirectoryStore implements BackupStore {
    private final Path root;
    private final Path incoming;

    private DirectoryStore(Path root) {
        this.root = root;
        this.incoming = root.resolve(BackupKeys.INCOMING);
    }

    /** The store at {@code root}, creating the directory when it is missing. */
    static DirectoryStore open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new NotDirectoryStore(absolute);
        }
        OwnerOnly.createDirectories(absolute);
        DirectoryStore store = new DirectoryStore(absolute);
        store.removeAbandonedParts();
        return store;
    }

    /**
     * Removes what writers that died (a killed agent, a lost machine) left under incoming/. Only parts
     * untouched for a day go: on a shared mount another machine may be writing one now.
     */
    private void removeAbandonedParts() throws IOException {
        if (!Files.isDirectory(incoming)) {
            return;
        }
        FileTime dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        try (Stream<Path> parts = Files.list(incoming)) {
            for (Path part : parts.toList()) {
                if (Files.getLastModifiedTime(part).compareTo(dayAgo) < 0) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    @Override
    public long putIfAbsent(String key, Path file) throws IOException {
        Path target = pathOf(key);
        long size = Files.size(file);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return write(target, in);
        }
    }

    @Override
    public void putBytes(String key, byte[] content) throws IOException {
        write(pathOf(key), new ByteArrayInputStream(content));
    }

    @Override
    public Optional<byte[]> getBytes(String key) throws IOException {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path)) { // a folder is no object, as in S3
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) { // deleted in the meantime
            return Optional.empty();
        }
    }

    @Override
    public void download(String key, Path target) throws IOException {
        Path source = pathOf(key);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(key, null, "no object under this key in " + describe());
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path part = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        try {
            Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        BackupKeys.checkPrefix(prefix);
        // walk only the deepest folder the prefix names whole, then keep the keys that start with it
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            walk.filter(Files::isRegularFile).map(this::keyOf)
                    .filter(k -> k.startsWith(prefix) && !k.startsWith(BackupKeys.INCOMING + "/"))
                    .forEach(keys::add);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(Files.size(path)) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = pathOf(key);
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return; // a folder is no object: the keys under it stay
        }
        Files.deleteIfExists(path);
        // folders left empty go too, so listing and walking stay as cheap as the keys that remain
        for (Path dir = path.getParent(); !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    @Override
    public String describe() {
        return "directory " + root;
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    private Path pathOf(String key) {
        Path path = root.resolve(BackupKeys.check(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("backup store key '" + key + "' leaves " + root);
        }
        return path;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** Copies {@code in} into a synced file under incoming/ and renames it to {@code target}; the bytes written. */
    private long write(Path target, InputStream in) throws IOException {
        OwnerOnly.createDirectories(incoming);
        OwnerOnly.createDirectories(target.getParent());
        Path part = OwnerOnly.createTempFile(incoming, target.getFileName().toString());
        try {
            long written;
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                written = in.transferTo(out);
                out.flush();
                channel.force(true); // on disk before it has a name: a crash leaves no short file under the key
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The location exists but is not a directory. */
    static final class NotDirectoryStore extends IOException {
        NotDirectoryStore(Path path) {
            super("backup.location: " + path + " exists and is not a directory; a directory store needs a directory");
        }
    }
}
