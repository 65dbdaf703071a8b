package dev.berth.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.reservations.InvalidResourceException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerPathTest {

    @ParameterizedTest
    @CsvSource({
            "data, data",
            "data/, data",
            "./data, data",
            "cassandra/./commitlog, cassandra/commitlog",
            "a/b/c/, a/b/c",
            ".config, .config",
            "with space, with space"
    })
    void normalizesEqualPlacesToEqualValues(String given, String normalized) {
        assertThat(ContainerPath.of(given).value()).isEqualTo(normalized);
        assertThat(ContainerPath.of(given)).isEqualTo(ContainerPath.of(normalized));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/data", "/", "..", "../data", "data/../../etc", "a/..", "a//b", "//", "a\\b",
            ".", "./", "a/\u0000b", "data//"})
    void refusesPathsThatCouldLeaveTheSandboxOrAreAmbiguous(String path) {
        assertThatThrownBy(() -> ContainerPath.of(path))
                .isInstanceOfSatisfying(InvalidResourceException.class, e -> {
                    assertThat(e.field()).isEqualTo("container path");
                    assertThat(e.value()).isEqualTo(path);
                    assertThat(e.allowed()).contains("relative path inside the sandbox", "no '..'");
                });
    }

    @Test
    void splitsIntoSegments() {
        assertThat(ContainerPath.of("cassandra/commitlog").segments()).containsExactly("cassandra", "commitlog");
    }

    @Provide
    Arbitrary<String> anyPath() {
        return Arbitraries.of("a", "b", ".", "..", "", "c.d", "/", "\\").list().ofMaxSize(6)
                .map(parts -> String.join("/", parts));
    }

    @Property
    void anAcceptedPathIsNormalStaysInsideAndNormalizesToItself(@ForAll("anyPath") String raw) {
        ContainerPath path;
        try {
            path = ContainerPath.of(raw);
        } catch (InvalidResourceException refused) {
            return;
        }
        assertThat(path.value()).doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//").doesNotContain("\\");
        assertThat(path.segments()).doesNotContain("..", ".", "");
        assertThat(ContainerPath.of(path.value())).isEqualTo(path);
    }
}
