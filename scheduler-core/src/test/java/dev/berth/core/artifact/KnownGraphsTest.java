package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private GraphFiles filesIn(Path directory, String configuration) {
        return new GraphFiles(directory, List.of(temp), configuration);
    }

    @Test
    void aGraphKeptByOneProcessIsKnownToAnotherUsingTheSameCache() throws IOException {
        Path shared = temp.resolve(".graphs");
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        List<ResolvedArtifact> resolved = List.of(file("maven:org.example:db:1.0"), file("maven:org.example:lib:jar:linux:2.1"));
        new KnownGraphs(clock, Optional.of(filesIn(shared, "central"))).keep(asked, resolved);

        KnownGraphs other = new KnownGraphs(clock, Optional.of(filesIn(shared, "central")));
        assertThat(other.of(asked)).contains(resolved);
        // another resolver configuration (other repositories) has a graph of its own
        assertThat(new KnownGraphs(clock, Optional.of(filesIn(shared, "mirror"))).of(asked)).isEmpty();
        // the graph dates from its resolve: a process started later lets it expire at the same time
        clock.advance(KnownGraphs.KEEP.plus(Duration.ofSeconds(1)));
        assertThat(new KnownGraphs(clock, Optional.of(filesIn(shared, "central"))).of(asked)).isEmpty();
    }

    @Test
    void aForgottenGraphIsForgottenByEveryProcess() throws IOException {
        Path shared = temp.resolve(".graphs");
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        KnownGraphs one = new KnownGraphs(clock, Optional.of(filesIn(shared, "central")));
        one.keep(asked, List.of(file("maven:org.example:db:1.0")));
        one.forget(asked);
        assertThat(new KnownGraphs(clock, Optional.of(filesIn(shared, "central"))).of(asked)).isEmpty();
    }

    @Test
    void aKeptGraphFileThatPointsOutsideTheCacheOrNamesAnotherRequestIsIgnored() throws IOException {
        Path shared = temp.resolve(".graphs");
        GraphFiles files = filesIn(shared, "central");
        List<ArtifactCoordinate> asked = List.of(ArtifactCoordinate.parse("maven:org.example:db:1.0"));
        ResolvedArtifact db = file("maven:org.example:db:1.0");
        files.write(asked, List.of(db), clock.instant());
        Path graph = files.fileOf(asked);
        String kept = Files.readString(graph);
        // agents of other users on the machine read it too, as they read the jars
        assertThat(Files.getPosixFilePermissions(graph)).contains(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_READ);

        Files.writeString(graph, kept.replace(db.file().toString(), "/etc/passwd"));
        assertThat(new KnownGraphs(clock, Optional.of(files)).of(asked)).isEmpty();
        Files.writeString(graph, kept.replace(db.file().toString(), temp + "/../elsewhere.jar"));
        assertThat(new KnownGraphs(clock, Optional.of(files)).of(asked)).isEmpty();
        Files.writeString(graph, kept.replace("maven:org.example:db:1.0\n", "maven:org.example:db:2.0\n"));
        assertThat(new KnownGraphs(clock, Optional.of(files)).of(asked)).isEmpty();
        Files.writeString(graph, kept.replace("\t", " "));
        assertThat(new KnownGraphs(clock, Optional.of(files)).of(asked)).isEmpty();

        Files.writeString(graph, kept);
        assertThat(new KnownGraphs(clock, Optional.of(files)).of(asked)).contains(List.of(db));
    }
}
