package dev.berth.core.artifact;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resolved dependency graphs of release artifacts, kept by one {@link ArtifactCache} so that
 * launching the same version again (every node of a rolling restart) does not read and mediate its
 * POMs again: for Kafka or Cassandra that took 0.4–0.6 s per launch, most of a relaunch. A release's
 * POMs never change, so the graph stays what it was; a graph with a SNAPSHOT anywhere is never kept.
 * Version ranges in a graph the resolver re-checks at most daily; a kept graph expires after
 * {@link #KEEP} so that it does not outlive that by much. Only the graph is kept: the files are
 * checked on every resolve as before (present, and matching their checksum), and a miss there goes
 * the full way. With {@link GraphFiles} a graph is also kept in the shared cache directory, so that
 * the other agent processes of the machine use it too (each one's first launch of a version).
 */
final class KnownGraphs {
    /** How long a graph is kept. */
    static final Duration KEEP = Duration.ofHours(1);

    private record Known(List<ResolvedArtifact> artifacts, Instant at) {
    }

    private final Map<List<ArtifactCoordinate>, Known> graphs = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Optional<GraphFiles> files;

    /** Graphs kept by this process only. */
    KnownGraphs(Clock clock) {
        this(clock, Optional.empty());
    }

    /** Graphs kept by this process and in {@code files}, shared with the other processes using them. */
    KnownGraphs(Clock clock, Optional<GraphFiles> files) {
        this.clock = clock;
        this.files = files;
    }

    /** The graph resolved for {@code requested} before, if kept and every file of it is still there. */
    Optional<List<ResolvedArtifact>> of(List<ArtifactCoordinate> requested) {
        Known k = graphs.get(requested);
        if (k == null) {
            k = files.flatMap(f -> f.read(requested)).map(kept -> new Known(kept.artifacts(), kept.resolvedAt())).orElse(null);
            if (k == null) {
                return Optional.empty();
            }
            graphs.put(List.copyOf(requested), k);
        }
        if (k.at().plus(KEEP).isBefore(clock.instant()) || !k.artifacts().stream().allMatch(a -> Files.isRegularFile(a.file()))) {
            graphs.remove(requested, k);
            return Optional.empty();
        }
        return Optional.of(k.artifacts());
    }

    /** Keeps the graph resolved for {@code requested}, unless some version in it is a SNAPSHOT (it may change). */
    void keep(List<ArtifactCoordinate> requested, List<ResolvedArtifact> resolved) {
        boolean snapshot = requested.stream().anyMatch(KnownGraphs::snapshot)
                || resolved.stream().anyMatch(a -> snapshot(a.coordinate()));
        if (!snapshot) {
            Known known = new Known(List.copyOf(resolved), clock.instant());
            graphs.put(List.copyOf(requested), known);
            files.ifPresent(f -> f.write(requested, known.artifacts(), known.at()));
        }
    }

    /** A graph whose files turned out corrupt: resolved the full way next time. */
    void forget(List<ArtifactCoordinate> requested) {
        graphs.remove(requested);
        files.ifPresent(f -> f.delete(requested));
    }

    private static boolean snapshot(ArtifactCoordinate c) {
        return c.version().endsWith("-SNAPSHOT") || c.version().matches(".*-\\d{8}\\.\\d{6}-\\d+");
    }
}
