package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArtifactCoordinateTest {

    @Test
    void parsesGroupArtifactVersion() {
        ArtifactCoordinate c = ArtifactCoordinate.parse("maven:org.apache.kafka:kafka_2.13:4.1.0");

        assertThat(c).isEqualTo(new ArtifactCoordinate("org.apache.kafka", "kafka_2.13", "jar", "", "4.1.0"));
        assertThat(c).isEqualTo(ArtifactCoordinate.jar("org.apache.kafka", "kafka_2.13", "4.1.0"));
        assertThat(c.toString()).isEqualTo("maven:org.apache.kafka:kafka_2.13:4.1.0");
    }

    @Test
    void parsesExtension() {
        ArtifactCoordinate c = ArtifactCoordinate.parse("maven:org.apache.cassandra:apache-cassandra:tar.gz:5.0.4");

        assertThat(c.extension()).isEqualTo("tar.gz");
        assertThat(c.classifier()).isEmpty();
        assertThat(c.version()).isEqualTo("5.0.4");
        assertThat(c.toString()).isEqualTo("maven:org.apache.cassandra:apache-cassandra:tar.gz:5.0.4");
    }

    @Test
    void parsesExtensionAndClassifier() {
        ArtifactCoordinate c = ArtifactCoordinate.parse("maven:org.apache.cassandra:apache-cassandra:tar.gz:bin:5.0.4");

        assertThat(c).isEqualTo(
                new ArtifactCoordinate("org.apache.cassandra", "apache-cassandra", "tar.gz", "bin", "5.0.4"));
        assertThat(ArtifactCoordinate.parse(c.toString())).isEqualTo(c);
    }

    @Test
    void explicitJarExtensionPrintsShortForm() {
        assertThat(ArtifactCoordinate.parse("maven:g:a:jar:1.0").toString()).isEqualTo("maven:g:a:1.0");
        assertThat(ArtifactCoordinate.parse("maven:g:a:jar:tests:1.0").toString()).isEqualTo("maven:g:a:jar:tests:1.0");
    }

    @Test
    void acceptsSnapshotAndQualifiedVersions() {
        assertThat(ArtifactCoordinate.parse("maven:g:a:1.0-SNAPSHOT").version()).isEqualTo("1.0-SNAPSHOT");
        assertThat(ArtifactCoordinate.parse("maven:g:a:1.0.0+build.5").version()).isEqualTo("1.0.0+build.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "org.apache.kafka:kafka_2.13:4.1.0",
        "mvn:org.apache.kafka:kafka_2.13:4.1.0",
        "maven:org.apache.kafka:kafka_2.13",
        "maven:org.apache.kafka",
        "maven:a:b:c:d:e:f",
        "maven::kafka:1.0",
        "maven:org.apache.kafka::1.0",
        "maven:org.apache.kafka:kafka:",
        "maven:org.apache.kafka:kafka:jar::1.0",
        "maven:org apache:kafka:1.0",
        "maven:org.apache.kafka:kafka:[1.0,2.0)",
        "maven:org.apache.kafka:kafka:1.0 ",
    })
    void rejectsBadText(String text) {
        assertThatThrownBy(() -> ArtifactCoordinate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("artifact: '" + text + "'")
                .hasMessageContaining(ArtifactCoordinate.ALLOWED_FORMS);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ArtifactCoordinate.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("artifact: 'null'")
                .hasMessageContaining("is empty");
    }

    @Test
    void errorSaysWhichPartIsWrong() {
        assertThatThrownBy(() -> ArtifactCoordinate.parse("maven:org.apache.kafka:kafka:[1.0,2.0)"))
                .hasMessageContaining("the version '[1.0,2.0)' may only contain");
        assertThatThrownBy(() -> ArtifactCoordinate.parse("maven:org.apache.kafka:kafka_2.13"))
                .hasMessageContaining("has 2 ':'-separated parts");
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new ArtifactCoordinate("g", "a b", "jar", "", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("artifact: the artifact id 'a b'")
                .hasMessageContaining(ArtifactCoordinate.ALLOWED_FORMS);
    }

    @Test
    void convertsToResolverArtifactAndBack() {
        ArtifactCoordinate c = ArtifactCoordinate.parse("maven:g:a:zip:dist:1.2");

        assertThat(ArtifactCoordinate.of(c.toArtifact())).isEqualTo(c);
    }
}
