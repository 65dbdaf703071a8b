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
 * the full way.
 */
final class KnownGraphs {
    /** How long a graph is kept. */
    static final Duration KEEP = Duration.ofHours(1);

    private record Known(List<ResolvedArtifact> artifacts, Instant at) {
    }

    private final Map<List<ArtifactCoordinate>, Known> graphs = new ConcurrentHashMap<>();
    private final Clock clock;

    KnownGraphs(Clock clock) {
        this.clock = clock;
    }

    /** The graph resolved for {@code requested} before, if kept and every file of it is still there. */
    Optional<List<ResolvedArtifact>> of(List<ArtifactCoordinate> requested) {
        Known k = graphs.get(requested);
        if (k == null) {
            return Optional.empty();
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
            graphs.put(List.copyOf(requested), new Known(List.copyOf(resolved), clock.instant()));
        }
    }

    /** A graph whose files turned out corrupt: resolved the full way next time. */
    void forget(List<ArtifactCoordinate> requested) {
        graphs.remove(requested);
    }

    private static boolean snapshot(ArtifactCoordinate c) {
        return c.version().endsWith("-SNAPSHOT") || c.version().matches(".*-\\d{8}\\.\\d{6}-\\d+");
    }
}
