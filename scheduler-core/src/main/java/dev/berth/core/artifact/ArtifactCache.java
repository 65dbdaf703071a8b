package dev.berth.core.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.SyncContext;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;
import org.jboss.logging.Logger;

/**
 * The machine-wide cache of task binaries: resolves Maven artifacts with their runtime
 * dependencies into a directory in Maven local repository layout (e.g. {@code berth-data/artifacts})
 * and returns the {@link Classpath} a task runs with.
 *
 * <p>Why it exists: database nodes (Kafka, Cassandra) ship as Maven artifacts, and a machine runs
 * several agents that each launch several nodes of the same version. Resolving once per machine,
 * not per task, saves hundreds of megabytes and minutes per launch; a second task of the same
 * version downloads nothing.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>Checksums.</b> Remote repositories use checksum policy {@code fail}: a download whose
 *       checksum does not match is an error, never a cached file. Cached files are re-checked on
 *       every resolve against the checksum file kept next to them (also when the dependency graph
 *       of a release is known from an earlier resolve, {@link KnownGraphs}, and is not read again); a corrupt file in the cache is
 *       deleted (under the cache lock) and downloaded again, a corrupt file in a read-only
 *       repository fails the call. See {@link SidecarChecksum}.</li>
 *   <li><b>Sharing.</b> Any number of {@code ArtifactCache} instances, in threads or in separate
 *       JVMs, may use the same directory at once: resolution takes the resolver's named locks,
 *       backed by OS file locks on files in {@code <cache>/.locks} ({@link KeptFileLockFactory}),
 *       so a file is downloaded by one of them and found cached by the others. See
 *       {@link ResolverSessions} for the configuration keys.</li>
 *   <li><b>Read-only repositories.</b> Optionally the cache reads from existing local repositories
 *       (typically {@code ~/.m2/repository} on CI machines) before going remote. They form the
 *       read-only tail of the resolver's chained local repository: a file found there is used in
 *       place (its path is in the class path), nothing is copied into the cache and nothing is
 *       ever written to the tail. Files found nowhere locally are downloaded into the cache.</li>
 * </ul>
 *
 * <p>Thread-safe. Close it to shut the resolver down (lock factories, HTTP connection pools).
 */
public final class ArtifactCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArtifactCache.class);

    /** The scopes of Maven's runtime class path (test, provided and system are left out). */
    private static final List<String> RUNTIME_SCOPES = List.of("compile", "runtime");

    private final Path directory;
    private final List<MavenRepository> repositories;
    private final List<Path> readOnlyRepositories;
    private final RepositorySystem system;
    private final ResolverSessions sessions;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final KnownGraphs graphs;

    /** A cache that downloads from Maven Central. */
    public ArtifactCache(Path directory) {
        this(directory, List.of(MavenRepository.CENTRAL));
    }

    /** A cache that downloads from {@code repositories}, tried in order. */
    public ArtifactCache(Path directory, List<MavenRepository> repositories) {
        this(directory, repositories, List.of());
    }

    /**
     * A cache that first looks into its own {@code directory}, then into each of
     * {@code readOnlyRepositories} (existing Maven local repositories, never written to), then
     * downloads from {@code repositories} into {@code directory}.
     *
     * @param directory            the cache, in Maven local repository layout; created if missing
     * @param repositories         remote repositories, tried in order; at least one
     * @param readOnlyRepositories existing local repositories to read from, e.g.
     *                             {@link #userLocalRepository()}; may be empty
     */
    public ArtifactCache(Path directory, List<MavenRepository> repositories, List<Path> readOnlyRepositories) {
        Objects.requireNonNull(directory, "directory");
        this.directory = directory.toAbsolutePath().normalize();
        this.repositories = List.copyOf(repositories);
        if (this.repositories.isEmpty()) {
            throw new IllegalArgumentException("repositories: at least one remote repository is needed");
        }
        this.readOnlyRepositories = readOnlyRepositories.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .toList();
        for (Path tail : this.readOnlyRepositories) {
            if (!Files.isDirectory(tail)) {
                throw new IllegalArgumentException("readOnlyRepositories: '" + tail + "' is not a directory");
            }
            if (tail.equals(this.directory)) {
                throw new IllegalArgumentException(
                        "readOnlyRepositories: '" + tail + "' is the cache directory itself");
            }
        }
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create artifact cache " + this.directory, e);
        }
        List<Path> roots = new ArrayList<>(this.readOnlyRepositories);
        roots.add(0, this.directory);
        this.graphs = new KnownGraphs(java.time.Clock.systemUTC(), Optional.of(new GraphFiles(
                this.directory.resolve(".graphs"), roots, "remote " + this.repositories + "; read-only " + this.readOnlyRepositories)));
        this.system = RepositorySystems.create();
        this.sessions = new ResolverSessions(system, this.directory, this.readOnlyRepositories, this.repositories);
        LOG.debugf("artifact cache %s, repositories %s, read-only %s",
                this.directory, this.repositories, this.readOnlyRepositories);
    }

    /** The current user's Maven local repository ({@code ~/.m2/repository}), if it exists. */
    public static Optional<Path> userLocalRepository() {
        Path path = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }

    /** The cache directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** The remote repositories, in the order they are tried. */
    public List<MavenRepository> repositories() {
        return repositories;
    }

    /** The read-only local repositories consulted after the cache (absolute). */
    public List<Path> readOnlyRepositories() {
        return readOnlyRepositories;
    }

    /**
     * Resolves {@code artifacts} and their compile and runtime scoped dependencies (transitively,
     * with Maven's mediation: nearest wins; test, provided and optional transitive dependencies
     * left out) and returns their files in class path order.
     *
     * @throws ArtifactResolveException when an artifact is missing from every repository, a
     *     download fails or is corrupt, or a cached file is corrupt and cannot be replaced
     */
    public Classpath resolve(List<ArtifactCoordinate> artifacts) {
        List<ArtifactCoordinate> requested = List.copyOf(artifacts);
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("artifacts: at least one artifact is needed");
        }
        if (closed.get()) {
            throw new IllegalStateException("artifact cache " + directory + " is closed");
        }
        // a release resolved before: its graph again, its files re-checked as on any resolve
        Optional<List<ResolvedArtifact>> known = graphs.of(requested);
        if (known.isPresent() && corrupt(known.get()).isEmpty()) {
            LOG.infof("resolved %s: %d artifacts, graph known, files verified", requested, known.get().size());
            return new Classpath(requested, known.get(), 0);
        }
        if (known.isPresent()) {
            // its files are corrupt: no other agent should take the graph either until it is resolved again
            // (a graph merely unknown or expired is left alone: another agent may have just kept it)
            graphs.forget(requested);
        }
        DownloadCounter downloads = new DownloadCounter();
        List<ResolvedArtifact> resolved = resolveOnce(requested, downloads);
        List<Corrupt> corrupt = corrupt(resolved);
        if (!corrupt.isEmpty()) {
            replace(requested, corrupt);
            resolved = resolveOnce(requested, downloads);
            corrupt = corrupt(resolved);
            if (!corrupt.isEmpty()) {
                throw new ArtifactResolveException(
                        "cannot resolve " + requested + ": " + corrupt.get(0).problem()
                                + " and downloading it again did not help", requested, repositories, null);
            }
        }
        graphs.keep(requested, resolved);
        Classpath classpath = new Classpath(requested, resolved, downloads.files());
        LOG.infof("resolved %s: %d artifacts, %d new downloads (%d bytes)",
                requested, resolved.size(), downloads.files(), downloads.bytes());
        return classpath;
    }

    /**
     * As {@link #resolve(List)}, with every file inside the cache: what came from a read-only local
     * repository is copied in (once per machine; see {@link SharedCopies}). For tasks that run as
     * another user, who may not read a repository in the agent's home.
     */
    public Classpath resolveShared(List<ArtifactCoordinate> artifacts) {
        return new SharedCopies(directory, readOnlyRepositories).of(resolve(artifacts));
    }

    /** Convenience for {@link #resolve(List)}. */
    public Classpath resolve(ArtifactCoordinate... artifacts) {
        return resolve(List.of(artifacts));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            system.shutdown();
        }
    }

    private List<ResolvedArtifact> resolveOnce(List<ArtifactCoordinate> requested, DownloadCounter downloads) {
        try (CloseableSession session = sessions.open(downloads)) {
            CollectRequest collect = new CollectRequest();
            for (ArtifactCoordinate coordinate : requested) {
                collect.addDependency(new Dependency(coordinate.toArtifact(), "compile"));
            }
            collect.setRepositories(system.newResolutionRepositories(session, sessions.remotes()));
            collect.setRequestContext("berth");
            DependencyRequest request =
                    new DependencyRequest(collect, new ScopeDependencyFilter(RUNTIME_SCOPES, null));
            List<ResolvedArtifact> resolved = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                Artifact artifact = result.getArtifact();
                resolved.add(new ResolvedArtifact(
                        ArtifactCoordinate.of(artifact), artifact.getPath().toAbsolutePath().normalize()));
            }
            return resolved;
        } catch (DependencyResolutionException e) {
            throw failure(requested, e);
        }
    }

    /** Resolved files that no longer match the checksum they were verified against. */
    private List<Corrupt> corrupt(List<ResolvedArtifact> resolved) {
        List<Corrupt> corrupt = new ArrayList<>();
        for (ResolvedArtifact artifact : resolved) {
            try {
                SidecarChecksum.mismatch(artifact.file())
                        .ifPresent(problem -> corrupt.add(new Corrupt(artifact, problem)));
            } catch (NoSuchFileException e) {
                // another agent is replacing it right now; resolving again picks up its copy
                corrupt.add(new Corrupt(artifact, artifact.file() + " vanished while being verified"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot verify " + artifact.file(), e);
            }
        }
        return corrupt;
    }

    /**
     * Deletes corrupt files from the cache under the same named locks resolution takes, so that no
     * other agent reads or writes them meanwhile; the caller then resolves again, which downloads
     * (and verifies) them afresh. A corrupt file in a read-only repository is not ours to fix.
     */
    private void replace(List<ArtifactCoordinate> requested, List<Corrupt> corrupt) {
        for (Corrupt c : corrupt) {
            if (!c.artifact().file().startsWith(directory)) {
                throw new ArtifactResolveException(
                        "cannot resolve " + requested + ": " + c.problem()
                                + "; the file is in a read-only local repository, repair or delete it there",
                        requested, repositories, null);
            }
        }
        List<Artifact> locked = corrupt.stream()
                .map(c -> c.artifact().coordinate().toArtifact())
                .toList();
        try (CloseableSession session = sessions.open(new DownloadCounter());
                SyncContext sync = system.newSyncContext(session, false)) {
            sync.acquire(locked, null);
            for (Corrupt c : corrupt) {
                Path file = c.artifact().file();
                // Another agent may have replaced it while we waited for the lock.
                if (Files.exists(file) && SidecarChecksum.mismatch(file).isPresent()) {
                    LOG.warnf("deleting corrupt cached file, it will be downloaded again: %s", c.problem());
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace corrupt files in " + directory, e);
        }
    }

    private ArtifactResolveException failure(List<ArtifactCoordinate> requested, DependencyResolutionException e) {
        boolean notFound = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            notFound |= t instanceof ArtifactNotFoundException;
        }
        StringBuilder message = new StringBuilder("cannot resolve ").append(requested)
                .append(notFound ? ": not found" : ": resolution failed")
                .append(" (").append(rootMessage(e)).append(")")
                .append("; repositories tried: ").append(repositories);
        if (!readOnlyRepositories.isEmpty()) {
            message.append("; read-only local repositories: ").append(readOnlyRepositories);
        }
        message.append("; cache: ").append(directory);
        return new ArtifactResolveException(message.toString(), requested, repositories, e);
    }

    /** The most specific message in the cause chain (resolver wraps the useful one). */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** A resolved file that failed {@link SidecarChecksum}. */
    private record Corrupt(ResolvedArtifact artifact, String problem) {
    }
}
