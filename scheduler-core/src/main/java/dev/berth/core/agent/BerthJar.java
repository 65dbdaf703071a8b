package dev.berth.core.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The jar this agent runs from, handed to tasks as {@code BERTH_JAR}: a package's task that needs Berth's own
 * tools on the node (a Cassandra backup uploading the node's files to the backup store) runs
 * {@code "$JAVA_HOME/bin/java" -jar "$BERTH_JAR" …} with the same build as its agent, on any host, with
 * nothing else to install. Empty when the agent does not run from one jar (in unit tests).
 */
final class BerthJar {
    private static final Optional<String> PATH = find(System.getProperty("java.class.path", ""));

    private BerthJar() {
    }

    static Optional<String> path() {
        return PATH;
    }

    static Optional<String> find(String classPath) {
        if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        Path jar = Path.of(classPath).toAbsolutePath().normalize();
        return Files.isRegularFile(jar) ? Optional.of(jar.toString()) : Optional.empty();
    }
}
