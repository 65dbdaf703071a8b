package dev.berth.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The archive {@code mvn package} builds ({@code target/berth-VERSION.tar.gz}), unpacked as a user would on a
 * host with only a JDK, with its launcher and its example config files.
 */
final class Distribution implements AutoCloseable {
    private final Path dir;
    final Path home;

    private Distribution(Path dir, Path home) {
        this.dir = dir;
        this.home = home;
    }

    /** Unpacks the one archive in {@code target/} into a new directory. */
    static Distribution unpack() throws IOException, InterruptedException {
        Path archive;
        try (var files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("berth-.*\\.tar\\.gz")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one berth-VERSION.tar.gz in target/ (built by mvn package), found " + found);
            }
            archive = found.get(0);
        }
        Path dir = Files.createTempDirectory("berth-dist");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", dir.toString())
                .inheritIO().start();
        if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IOException("tar -xzf " + archive + " failed");
        }
        String name = archive.getFileName().toString().replace(".tar.gz", "");
        return new Distribution(dir, dir.resolve(name));
    }

    Path launcher() {
        return home.resolve("bin/berth");
    }

    /**
     * A config file for a node made from the archive's example {@code conf/NAME.properties}: the value of each
     * key of {@code options} the example has is replaced in place (its comments kept), the other options are
     * added at the end, and keys of the example that {@code options} lacks are commented out.
     */
    Path configFile(String example, Map<String, String> options, Path out) throws IOException {
        Map<String, String> left = new LinkedHashMap<>(options);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("conf").resolve(example + ".properties"))) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.startsWith("#") || eq < 0) {
                lines.add(line);
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = left.remove(key);
            lines.add(value == null ? "# " + line : key + " = " + value);
        }
        left.forEach((k, v) -> lines.add(k + " = " + v));
        Files.write(out, lines);
        return out;
    }

    @Override
    public void close() throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
