package dev.berth.app.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service SDK, the master and the agent stay in small parts: a class of theirs longer than
 * {@value #LIMIT} lines says why at its top, in a sentence that starts with {@value #REASON}. Counted on
 * the sources of scheduler-core, which sit beside this module.
 */
class ClassSizeTest {
    static final int LIMIT = 400;
    static final String REASON = "Longer than 400 lines because";
    static final Path CORE = Path.of("..", "scheduler-core", "src", "main", "java", "dev", "berth", "core");

    @Test
    void sdkMasterAndAgentClassesAreSmallOrSayWhyNot() {
        List<String> tooLong = Stream.of("sdk", "master", "agent").flatMap(p -> javaFiles(CORE.resolve(p)))
                .filter(f -> lines(f).size() > LIMIT && lines(f).stream().noneMatch(l -> l.contains(REASON)))
                .map(f -> CORE.relativize(f) + " (" + lines(f).size() + " lines)").sorted().toList();
        assertThat(javaFiles(CORE.resolve("sdk")).count()).as("the SDK's sources are where this test looks").isPositive();
        assertThat(tooLong).as("classes over %d lines without '%s ...' at their top", LIMIT, REASON).isEmpty();
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
