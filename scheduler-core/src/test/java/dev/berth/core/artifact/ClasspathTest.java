package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClasspathTest {

    private static final ArtifactCoordinate TEXT = ArtifactCoordinate.parse("maven:org.apache.commons:commons-text:1.12.0");
    private static final ArtifactCoordinate LANG3 = ArtifactCoordinate.parse("maven:org.apache.commons:commons-lang3:3.14.0");

    @Test
    void isAnImmutableOrderedListOfJars() {
        List<ResolvedArtifact> artifacts = new ArrayList<>(List.of(
                new ResolvedArtifact(TEXT, Path.of("/c/text.jar")),
                new ResolvedArtifact(LANG3, Path.of("/c/lang3.jar"))));
        Classpath classpath = new Classpath(List.of(TEXT), artifacts, 0);
        artifacts.clear();

        assertThat(classpath.entries()).containsExactly(Path.of("/c/text.jar"), Path.of("/c/lang3.jar"));
        assertThat(classpath.coordinates()).containsExactly(TEXT, LANG3);
        assertThat(classpath.asString()).isEqualTo("/c/text.jar:/c/lang3.jar");
        assertThat(classpath.fileOf("org.apache.commons", "commons-lang3")).isEqualTo(Path.of("/c/lang3.jar"));
        assertThatThrownBy(() -> classpath.entries().add(Path.of("/x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> classpath.fileOf("org.apache.commons", "commons-io"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("org.apache.commons:commons-io");
    }

    @Test
    void rejectsNegativeDownloads() {
        assertThatThrownBy(() -> new Classpath(List.of(TEXT), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repositoriesNeedAnIdAndAnAbsoluteUrl() {
        assertThat(MavenRepository.CENTRAL.toString()).isEqualTo("central (https://repo.maven.apache.org/maven2/)");
        assertThat(MavenRepository.of("corp", "https://nexus.example/maven/").url())
                .isEqualTo(URI.create("https://nexus.example/maven/"));
        assertThatThrownBy(() -> MavenRepository.of("has space", "https://x/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has space");
        assertThatThrownBy(() -> MavenRepository.of("rel", "maven2/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maven2/");
        assertThatThrownBy(() -> MavenRepository.of("ftp", "ftp://x/"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
