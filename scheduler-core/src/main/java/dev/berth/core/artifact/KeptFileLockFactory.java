package dev.berth.core.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.aether.named.NamedLock;
import org.eclipse.aether.named.NamedLockFactory;
import org.eclipse.aether.named.NamedLockKey;
import org.eclipse.aether.named.support.FileLockNamedLock;
import org.eclipse.aether.named.support.NamedLockFactorySupport;
import org.eclipse.aether.named.support.NamedLockSupport;

/**
 * Resolver named locks backed by OS file locks, like the resolver's own {@code file-lock} factory,
 * but with two changes that make it safe for agents sharing one cache:
 *
 * <ol>
 *   <li><b>Lock files are never deleted.</b> The stock factory (2.0.17) opens lock files with
 *       {@code DELETE_ON_CLOSE} on Unix and closes them when no thread of the JVM uses the lock any
 *       more. A process waiting on the old file then locks an unlinked inode while the next one
 *       creates a fresh file at the same path and locks that: two "exclusive" holders, and in our
 *       tests the same jars downloaded by several agents at once. The stock switch
 *       ({@code -Daether.named.file-lock.deleteLockFiles=false}) is a JVM-wide system property read
 *       once at class initialization, too fragile to rely on from library code. Kept lock files are
 *       empty and live in {@code <cache>/.locks}; their number grows with the artifacts cached.</li>
 *   <li><b>One instance per JVM.</b> POSIX drops all of a process's locks on a file when any
 *       descriptor of that file is closed, so two factories in one JVM (two {@link ArtifactCache}s,
 *       e.g. the embedded agents of {@code berth up}) could silently release each other's locks.
 *       Every repository system gets {@link #jvmWide()}, a view of the single instance that ignores
 *       {@code shutdown}; channels are closed as soon as no thread holds or waits for their lock.</li>
 * </ol>
 *
 * <p>Threads of one JVM coordinate through {@link FileLockNamedLock}; processes through the file
 * lock. Needs a file-system-friendly name mapper ({@code file-gaecv}) so lock names are file URIs.
 */
final class KeptFileLockFactory extends NamedLockFactorySupport {

    /** The factory name to select with {@code aether.system.named.factory}. */
    static final String NAME = "berth-file-lock";

    private static final KeptFileLockFactory INSTANCE = new KeptFileLockFactory();

    private final ConcurrentMap<NamedLockKey, FileChannel> channels = new ConcurrentHashMap<>();

    private KeptFileLockFactory() {
    }

    /** The JVM's single instance, behind a view whose {@code shutdown} does nothing. */
    static NamedLockFactory jvmWide() {
        return new NamedLockFactory() {
            @Override
            public NamedLock getLock(Collection<NamedLockKey> keys) {
                return INSTANCE.getLock(keys);
            }

            @Override
            public <E extends Throwable> E onFailure(E failure) {
                return INSTANCE.onFailure(failure);
            }

            @Override
            public void shutdown() {
                // shared by every repository system of this JVM; channels close with their locks
            }
        };
    }

    @Override
    protected NamedLockSupport createLock(NamedLockKey key) {
        return new FileLockNamedLock(key, channels.computeIfAbsent(key, KeptFileLockFactory::open), this);
    }

    /** Called (by the support class, atomically per key) once no thread holds or awaits the lock. */
    @Override
    protected void destroyLock(NamedLock lock) {
        FileChannel channel = channels.remove(lock.key());
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                logger.warn("cannot close lock file channel of {}", lock.key(), e);
            }
        }
    }

    private static FileChannel open(NamedLockKey key) {
        Path path = Path.of(URI.create(key.name()));
        try {
            Files.createDirectories(path.getParent());
            return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lock file " + path, e);
        }
    }
}
