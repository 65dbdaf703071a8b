package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolves real artifacts from Maven Central (small ones: commons-text and its one runtime
 * dependency, commons-lang3) into temporary caches.
 */
class ArtifactCacheTest {

    static final ArtifactCoordinate COMMONS_TEXT = ArtifactCoordinate.parse("maven:org.apache.commons:commons-text:1.12.0");
    static final String LANG3 = "commons-lang3";

    @TempDir
    Path temp;

    @Test
    void resolvesArtifactWithItsRuntimeDependencies() {
        Path cacheDir = temp.resolve("artifacts");
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath classpath = cache.resolve(List.of(COMMONS_TEXT));

            assertThat(classpath.requested()).containsExactly(COMMONS_TEXT);
            assertThat(classpath.coordinates()).containsExactly(
                    COMMONS_TEXT, ArtifactCoordinate.parse("maven:org.apache.commons:commons-lang3:3.14.0"));
            assertThat(classpath.entries()).hasSize(2).allSatisfy(jar -> {
                assertThat(jar).isRegularFile().startsWith(cacheDir.toAbsolutePath());
                assertThat(jar.getFileName().toString()).endsWith(".jar");
            });
            assertThat(classpath.fileOf("org.apache.commons", "commons-text"))
                    .isEqualTo(cacheDir.toAbsolutePath().resolve(
                            "org/apache/commons/commons-text/1.12.0/commons-text-1.12.0.jar"));
            assertThat(classpath.asString()).isEqualTo(
                    classpath.entries().get(0) + ":" + classpath.entries().get(1));
            // two jars and at least their POMs
            assertThat(classpath.downloads()).isGreaterThanOrEqualTo(4);
            // the checksum each download was verified against is kept for later re-checks
            assertThat(Path.of(classpath.fileOf("org.apache.commons", LANG3) + ".sha1")).isRegularFile();
        }
    }

    @Test
    void aSecondCacheOnTheSameDirectoryDownloadsNothing() {
        Path cacheDir = temp.resolve("artifacts");
        Classpath first;
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            first = cache.resolve(COMMONS_TEXT);
        }
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath second = cache.resolve(COMMONS_TEXT);

            assertThat(second.downloads()).isZero();
            assertThat(second.artifacts()).isEqualTo(first.artifacts());
            // the same instance again, too
            assertThat(cache.resolve(COMMONS_TEXT).downloads()).isZero();
        }
    }

    @Test
    void aSecondCacheOnTheSameDirectoryUsesTheGraphTheFirstResolvedAndStillChecksItsFiles() throws IOException {
        Path cacheDir = temp.resolve("artifacts");
        Classpath first;
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            first = cache.resolve(COMMONS_TEXT);
        }
        // without the kept graph, the POMs would be needed (and downloaded) again to know the dependencies
        try (Stream<Path> files = Files.walk(cacheDir)) {
            for (Path pom : files.filter(f -> f.toString().endsWith(".pom")).toList()) {
                Files.delete(pom);
            }
        }
        Path lang3 = first.fileOf("org.apache.commons", LANG3);
        byte[] good = Files.readAllBytes(lang3);
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath second = cache.resolve(COMMONS_TEXT);
            assertThat(second.artifacts()).isEqualTo(first.artifacts());
            assertThat(second.downloads()).isZero();

            // a corrupt file is found as on any resolve, and the graph resolved again the full way
            Files.write(lang3, "not a jar".getBytes());
            Classpath third = cache.resolve(COMMONS_TEXT);
            assertThat(third.artifacts()).isEqualTo(first.artifacts());
            assertThat(Files.readAllBytes(lang3)).isEqualTo(good);
            assertThat(third.downloads()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void missingVersionNamesTheCoordinateAndTheRepositories() {
        ArtifactCoordinate missing = ArtifactCoordinate.parse("maven:org.apache.commons:commons-text:0.0.0-no-such-version");
        try (ArtifactCache cache = new ArtifactCache(temp.resolve("artifacts"))) {
            assertThatThrownBy(() -> cache.resolve(missing))
                    .isInstanceOf(ArtifactResolveException.class)
                    .hasMessageContaining("maven:org.apache.commons:commons-text:0.0.0-no-such-version")
                    .hasMessageContaining("not found")
                    .hasMessageContaining("central (https://repo.maven.apache.org/maven2/)")
                    .satisfies(e -> {
                        ArtifactResolveException are = (ArtifactResolveException) e;
                        assertThat(are.requested()).containsExactly(missing);
                        assertThat(are.repositories()).containsExactly(MavenRepository.CENTRAL);
                    });
        }
    }

    @Test
    void missingArtifactInAnUnknownRepositoryNamesThatRepository() {
        Path emptyRemote = temp.resolve("empty-remote");
        MavenRepository local = new MavenRepository("empty", emptyRemote.toUri());
        try (ArtifactCache cache = new ArtifactCache(temp.resolve("artifacts"), List.of(local))) {
            assertThatThrownBy(() -> cache.resolve(COMMONS_TEXT))
                    .isInstanceOf(ArtifactResolveException.class)
                    .hasMessageContaining(COMMONS_TEXT.toString())
                    .hasMessageContaining("empty (" + emptyRemote.toUri() + ")");
        }
    }

    @Test
    void aCorruptJarInTheCacheIsDownloadedAgainNotUsed() throws IOException {
        Path cacheDir = temp.resolve("artifacts");
        Path lang3;
        byte[] good;
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            lang3 = cache.resolve(COMMONS_TEXT).fileOf("org.apache.commons", LANG3);
            good = Files.readAllBytes(lang3);
        }
        Files.write(lang3, "not a jar".getBytes());

        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath classpath = cache.resolve(COMMONS_TEXT);

            assertThat(classpath.fileOf("org.apache.commons", LANG3)).isEqualTo(lang3);
            assertThat(Files.readAllBytes(lang3)).isEqualTo(good);
            assertThat(classpath.downloads()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptJarIsFoundEvenWhenTheSameCacheKnowsTheGraphAlready() throws IOException {
        Path cacheDir = temp.resolve("artifacts");
        try (ArtifactCache cache = new ArtifactCache(cacheDir)) {
            Classpath first = cache.resolve(COMMONS_TEXT);
            Path lang3 = first.fileOf("org.apache.commons", LANG3);
            byte[] good = Files.readAllBytes(lang3);
            assertThat(cache.resolve(COMMONS_TEXT).artifacts()).isEqualTo(first.artifacts());

            Files.write(lang3, "not a jar".getBytes());
            Classpath again = cache.resolve(COMMONS_TEXT);

            assertThat(again.artifacts()).isEqualTo(first.artifacts());
            assertThat(Files.readAllBytes(lang3)).isEqualTo(good);
            assertThat(again.downloads()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptJarInAReadOnlyRepositoryFailsTheCall() throws IOException {
        Path tail = temp.resolve("tail");
        Path lang3;
        try (ArtifactCache filler = new ArtifactCache(tail)) {
            lang3 = filler.resolve(COMMONS_TEXT).fileOf("org.apache.commons", LANG3);
        }
        Files.write(lang3, "not a jar".getBytes());

        try (ArtifactCache cache = new ArtifactCache(temp.resolve("head"), List.of(MavenRepository.CENTRAL), List.of(tail))) {
            assertThatThrownBy(() -> cache.resolve(COMMONS_TEXT))
                    .isInstanceOf(ArtifactResolveException.class)
                    .hasMessageContaining(lang3.toString())
                    .hasMessageContaining("read-only local repository");
        }
        assertThat(Files.readString(lang3)).isEqualTo("not a jar");
    }

    @Test
    void aReadOnlyRepositoryIsUsedInPlaceAndNothingIsCopied() throws IOException {
        Path tail = temp.resolve("tail");
        try (ArtifactCache filler = new ArtifactCache(tail)) {
            assertThat(filler.resolve(COMMONS_TEXT).downloads()).isPositive();
        }
        Path head = temp.resolve("head");
        try (ArtifactCache cache = new ArtifactCache(head, List.of(MavenRepository.CENTRAL), List.of(tail))) {
            Classpath classpath = cache.resolve(COMMONS_TEXT);

            assertThat(classpath.downloads()).isZero();
            assertThat(classpath.entries()).hasSize(2).allSatisfy(jar -> assertThat(jar).startsWith(tail));
        }
        assertThat(artifactFiles(head)).isEmpty();
    }

    @Test
    void onlyWhatTheReadOnlyRepositoryLacksIsDownloadedIntoTheCache() throws IOException {
        Path tail = temp.resolve("tail");
        try (ArtifactCache filler = new ArtifactCache(tail)) {
            filler.resolve(ArtifactCoordinate.parse("maven:org.apache.commons:commons-lang3:3.14.0"));
        }
        Path head = temp.resolve("head");
        try (ArtifactCache cache = new ArtifactCache(head, List.of(MavenRepository.CENTRAL), List.of(tail))) {
            Classpath classpath = cache.resolve(COMMONS_TEXT);

            assertThat(classpath.downloads()).isPositive();
            assertThat(classpath.fileOf("org.apache.commons", "commons-text")).startsWith(head);
            assertThat(classpath.fileOf("org.apache.commons", LANG3)).startsWith(tail);
        }
        assertThat(artifactFiles(head)).noneMatch(p -> p.toString().contains(LANG3));
    }

    @Test
    void rejectsAMissingReadOnlyRepository() {
        Path missing = temp.resolve("no-such-dir");
        assertThatThrownBy(() -> new ArtifactCache(temp.resolve("head"), List.of(MavenRepository.CENTRAL), List.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void refusesWorkAfterClose() {
        ArtifactCache cache = new ArtifactCache(temp.resolve("artifacts"));
        cache.close();
        cache.close();
        assertThatThrownBy(() -> cache.resolve(COMMONS_TEXT)).isInstanceOf(IllegalStateException.class);
    }

    /** Jars and POMs under {@code dir} (lock files and resolver bookkeeping left out). */
    static List<Path> artifactFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".pom"))
                    .toList();
        }
    }
}
