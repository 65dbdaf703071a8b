package dev.berth.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a task runs: a shell command ({@code sh -c}) with its environment, the Maven artifacts its
 * classpath is made of ({@code maven:org.apache.kafka:kafka_2.13:4.1.0}; the agent resolves them with
 * their runtime dependencies and hands the task {@code BERTH_CLASSPATH}), and the Java feature version
 * it needs ({@code 17}; the agent hands it {@code JAVA_HOME}), empty when it needs none, and config
 * files (path inside the sandbox to content) the agent writes before the command starts, and the
 * user it runs as (empty: the agent's own).
 */
public record CommandInfo(String shell, Map<String, String> environment, List<String> artifacts, String java,
                          Map<String, String> files, String user) {
    public CommandInfo {
        if (shell == null || shell.isBlank()) {
            throw new IllegalArgumentException("command: a task needs a shell command to run");
        }
        environment = environment == null ? Map.of() : Map.copyOf(new TreeMap<>(environment));
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        java = java == null ? "" : java;
        files = files == null ? Map.of() : Map.copyOf(new TreeMap<>(files));
        user = user == null ? "" : user;
    }

    public CommandInfo(String shell, Map<String, String> environment, List<String> artifacts, String java,
                       Map<String, String> files) {
        this(shell, environment, artifacts, java, files, "");
    }

    public CommandInfo(String shell, Map<String, String> environment) {
        this(shell, environment, List.of(), "", Map.of());
    }

    public CommandInfo(String shell, Map<String, String> environment, List<String> artifacts, String java) {
        this(shell, environment, artifacts, java, Map.of());
    }

    /**
     * This command with each config file's content replaced by its size: what the API shows of a
     * launch, since a rendered config may hold a secret of the service (a password file).
     */
    public CommandInfo withFileContentsHidden() {
        return withContentsHiddenUnder("");
    }

    private static final String NOT_SHOWN = " bytes, not shown: a config file may hold a secret)";
    private static final Pattern HIDDEN = Pattern.compile(
            "\\(\\d+" + Pattern.quote(NOT_SHOWN));

    /**
     * This command with the content of each file under {@code folder} ({@code tls/}; empty for all) replaced by its
     * size. A content hidden already stays as it is: hiding twice (a stored launch the API shows, a registry entry
     * read back) would show the size of the placeholder.
     */
    public CommandInfo withContentsHiddenUnder(String folder) {
        Map<String, String> hidden = new TreeMap<>();
        files.forEach((path, content) -> hidden.put(path, !path.startsWith(folder) || HIDDEN.matcher(content).matches()
                ? content : "(" + content.getBytes(StandardCharsets.UTF_8).length + NOT_SHOWN));
        return new CommandInfo(shell, environment, artifacts, java, hidden, user);
    }

    public static CommandInfo of(String shell) {
        return new CommandInfo(shell, Map.of());
    }
}
