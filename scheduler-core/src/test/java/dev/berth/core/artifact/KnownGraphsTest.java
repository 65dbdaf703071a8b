package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which resolved graphs are kept, and when one is not used again. */
class KnownGraphsTest {
    @TempDir
    Path temp;

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T00:00:00Z"));
    final KnownGraphs graphs = new KnownGraphs(clock);

    private ResolvedArtifact file(String coordinate) throws IOException {
        ArtifactCoordinate c = ArtifactCoordinate.parse(coordinate);
        Path f = Files.writeString(temp.resolve(c.artifactId() + "-" + c.version() + ".jar"), "jar");
        return new ResolvedArtifact(c, f);
    }

    @Test
    void aReleaseGraphIsKeptWhileItsFilesAreThere() throws IOException {
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        List<ResolvedArtifact> resolved = List.of(file("maven:org.example:db:1.0"), file("maven:org.example:lib:2.1"));
        graphs.keep(asked, resolved);
        assertThat(graphs.of(asked)).contains(resolved);

        Files.delete(resolved.get(1).file());
        assertThat(graphs.of(asked)).isEmpty();
    }

    @Test
    void aGraphWithASnapshotAnywhereIsNotKept() throws IOException {
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        graphs.keep(asked, List.of(file("maven:org.example:db:1.0"), file("maven:org.example:lib:2.1-SNAPSHOT")));
        assertThat(graphs.of(asked)).isEmpty();

        List<ArtifactCoordinate> snapshot = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.1-SNAPSHOT"));
        graphs.keep(snapshot, List.of(file("maven:org.example:db:1.1-SNAPSHOT")));
        assertThat(graphs.of(snapshot)).isEmpty();
    }

    @Test
    void aKeptGraphExpiresAndAForgottenOneIsGone() throws IOException {
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        List<ResolvedArtifact> resolved = List.of(file("maven:org.example:db:1.0"));
        graphs.keep(asked, resolved);
        clock.advance(KnownGraphs.KEEP.plus(Duration.ofSeconds(1)));
        assertThat(graphs.of(asked)).isEmpty();

        graphs.keep(asked, resolved);
        graphs.forget(asked);
        assertThat(graphs.of(asked)).isEmpty();
    }
}
