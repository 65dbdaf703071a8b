package dev.berth.core.artifact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.TransferListener;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * Builds the resolver sessions an {@link ArtifactCache} works with; the one place that holds the
 * resolver configuration, so it can be read (and reviewed) at a glance.
 *
 * <p>Each {@code resolve} call gets its own short-lived session so that its
 * {@link DownloadCounter} sees only that call's transfers. Sessions are cheap; the expensive,
 * thread-safe part (the {@link RepositorySystem} and its lock factories) is shared.
 */
final class ResolverSessions {

    /**
     * Which named-lock factory guards the local repository. {@value KeptFileLockFactory#NAME} is
     * the resolver's {@code file-lock} design (OS file locks on files under {@code <cache>/.locks},
     * so it serializes agents in separate JVMs as well as threads) minus its lock-file deletion
     * race; see {@link KeptFileLockFactory}. Resolver 2.0.x reads this key first and falls back to
     * the 1.x key {@code aether.syncContext.named.factory}.
     */
    static final String LOCK_FACTORY = "aether.system.named.factory";

    /**
     * How artifacts map to lock names. {@code file-gaecv} (one lock file per
     * group:artifact:extension:classifier:version, under the local repository's {@code .locks}
     * directory) is the file-based mapper file locks need (names are file URIs); finer than {@code file-gav},
     * so a jar and its POM or a sibling classifier do not wait on each other.
     */
    static final String LOCK_NAME_MAPPER = "aether.syncContext.named.nameMapper";

    /**
     * Accept any file present in a read-only (tail) local repository without asking which remote
     * repository it came from; tails are caches someone else filled (e.g. {@code ~/.m2}).
     */
    static final String IGNORE_TAIL_AVAILABILITY = "aether.chainedLocalRepository.ignoreTailAvailability";

    /**
     * Keep the checksum file a download was verified against next to the file; {@link
     * SidecarChecksum} re-checks cached files with it.
     */
    static final String PERSISTED_CHECKSUMS = "aether.connector.basic.persistedChecksums";

    static final String USER_AGENT = "aether.transport.http.userAgent";

    private final SessionBuilderSupplier builders;
    private final Path cache;
    private final List<Path> readOnlyRepositories;
    private final List<RemoteRepository> remotes;

    ResolverSessions(RepositorySystem system, Path cache, List<Path> readOnlyRepositories,
            List<MavenRepository> repositories) {
        this.builders = new SessionBuilderSupplier(system);
        this.cache = cache;
        this.readOnlyRepositories = List.copyOf(readOnlyRepositories);
        this.remotes = repositories.stream().map(ResolverSessions::remote).toList();
    }

    /** A new session over the cache (head) and the read-only repositories (tail). */
    CloseableSession open(TransferListener listener) {
        List<Path> localRepositories = new ArrayList<>();
        localRepositories.add(cache);
        localRepositories.addAll(readOnlyRepositories);
        SessionBuilder builder = builders.get()
                .setConfigProperty(LOCK_FACTORY, KeptFileLockFactory.NAME)
                .setConfigProperty(LOCK_NAME_MAPPER, "file-gaecv")
                .setConfigProperty(IGNORE_TAIL_AVAILABILITY, Boolean.TRUE.toString())
                .setConfigProperty(PERSISTED_CHECKSUMS, Boolean.TRUE.toString())
                .setConfigProperty(USER_AGENT, "Berth")
                // Session-wide override of every repository's policy, belt and braces with remote().
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                // Do not remember "not found" or failed transfers: a version published a minute
                // later, or a network blip, must not keep a task from starting for a day.
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                .setTransferListener(listener)
                // More than one directory makes the resolver chain them: first is written to,
                // the rest are only read (ChainedLocalRepositoryManager).
                .withLocalRepositoryBaseDirectories(localRepositories);
        return builder.build();
    }

    /** The remote repositories to use with sessions from {@link #open}. */
    List<RemoteRepository> remotes() {
        return remotes;
    }

    private static RemoteRepository remote(MavenRepository repository) {
        RepositoryPolicy policy = new RepositoryPolicy(
                true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        return new RemoteRepository.Builder(repository.id(), "default", repository.url().toString())
                .setReleasePolicy(policy)
                .setSnapshotPolicy(policy)
                .build();
    }
}
