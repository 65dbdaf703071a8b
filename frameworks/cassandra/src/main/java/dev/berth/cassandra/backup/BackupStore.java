package dev.berth.cassandra.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a Cassandra backup writes its files and a restore reads them: a flat space of keys ('/'-separated
 * relative names, see {@link BackupKeys}) to immutable bytes. Two kinds behave alike ({@link BackupStores}):
 * a directory and an S3-compatible bucket.
 *
 * <p>Every write is atomic: a reader sees the whole object or none, never part of one, so a backup
 * interrupted half-way leaves only complete files, and the next run's {@link #putIfAbsent} sends only what is
 * missing. Keys that break {@link BackupKeys}' rules are refused with an {@link IllegalArgumentException}.
 * A store may be used by several threads at once (a backup may upload a node's files in parallel).
 */
public interface BackupStore extends AutoCloseable {
    /**
     * Stores the file under key unless an object is there already with the same size; returns the bytes sent
     * (0 when already there). SSTable files never change once written, so an object of the same name and size
     * is the same file: this is what makes backups incremental.
     */
    long putIfAbsent(String key, Path file) throws IOException;

    /** Stores content under key, replacing what was there. */
    void putBytes(String key, byte[] content) throws IOException;

    /** The object under key, or empty when there is none. */
    Optional<byte[]> getBytes(String key) throws IOException;

    /**
     * Writes the object under key to target (replacing it, creating its parent directories). A reader of
     * target never sees part of the object. {@link java.nio.file.NoSuchFileException} naming the key when the
     * store has no such object.
     */
    void download(String key, Path target) throws IOException;

    /** Every key that starts with prefix ("" for all), sorted. */
    List<String> list(String prefix) throws IOException;

    /** The size in bytes of the object under key, or empty when there is none. */
    Optional<Long> size(String key) throws IOException;

    /** Removes the object under key; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Where this store keeps its objects, for messages (never with credentials). */
    String describe();

    @Override
    void close();
}
