package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs an agent can give its tasks, by Java feature version (17, 21, 25): the agent's own, and
 * those under {@code /usr/lib/jvm} (read from each one's {@code release} file). A package names the
 * version it needs; the task gets that JDK as {@code JAVA_HOME}.
 */
public record JavaHomes(Map<String, Path> byVersion) {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    public JavaHomes {
        byVersion = Map.copyOf(new TreeMap<>(byVersion));
    }

    public static JavaHomes discover() {
        Map<String, Path> found = new TreeMap<>();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted().forEach(d -> version(d).ifPresent(v -> found.putIfAbsent(v, d.toAbsolutePath())));
            } catch (IOException e) {
                // no JDKs to list there: the agent's own remains
            }
        }
        Path own = Path.of(System.getProperty("java.home"));
        found.put(Integer.toString(Runtime.version().feature()), own);
        return new JavaHomes(found);
    }

    static Optional<String> version(Path jdk) {
        Path release = jdk.resolve("release");
        if (Files.isSymbolicLink(jdk) || !Files.isRegularFile(release) || !Files.isExecutable(jdk.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The JDK for {@code version}, or an error that names what this agent has. */
    public Path require(String version, String agent) {
        Path home = byVersion.get(version);
        if (home == null) {
            throw new IllegalArgumentException("java: the task needs Java " + version + " but agent " + agent
                    + " has " + (byVersion.isEmpty() ? "none" : String.join(", ", byVersion.keySet())));
        }
        return home;
    }
}
