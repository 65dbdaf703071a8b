package dev.berth.core.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which files of a task anyone may read through the API: its {@code stdout} and {@code stderr}, their rotated
 * copies ({@code stdout.1}…), and the database's own logs: a file named {@code *.log} or {@code *.out}, or any
 * file under a directory named {@code logs} (a database's {@code logs/server.log}, say). A path is relative to
 * the task's sandbox, whose volumes are reachable at their container paths. The rule keeps configuration files
 * out of reach, which may hold a service's secrets (those need {@code read_secrets}); master and agent both
 * apply it, so an agent answers no other read, whoever asks.
 */
public final class TaskFiles {
    /** The field a refusal names. */
    public static final String FIELD = "file";
    public static final String ALLOWED = "stdout, stderr, their rotated copies (stdout.1, ...), or a relative path"
            + " inside the task's sandbox to a file named *.log or *.out or under a 'logs' directory";

    private static final Pattern OUTPUT = Pattern.compile("(stdout|stderr)(\\.[0-9]{1,3})?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final Pattern LOG_NAME = Pattern.compile(".*\\.(log|out)(\\.[0-9A-Za-z_-]{1,40})*");

    private TaskFiles() {
    }

    /** Why {@code file} may not be read, naming the field, the value and what is allowed; empty when it may. */
    public static Optional<String> problem(String file) {
        if (file == null || file.isBlank()) {
            return Optional.of(FIELD + ": missing; use " + ALLOWED);
        }
        if (OUTPUT.matcher(file).matches()) {
            return Optional.empty();
        }
        String[] segments = file.split("/", -1);
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                // empty (a leading, doubled or trailing '/'), '.', '..', hidden names and the like
                return Optional.of(FIELD + ": '" + shown(file) + "' is not a plain relative path (segment '" + shown(s)
                        + "'); use " + ALLOWED);
            }
        }
        String name = segments[segments.length - 1];
        boolean underLogs = java.util.Arrays.asList(segments).subList(0, segments.length - 1).contains("logs");
        if (!underLogs && !LOG_NAME.matcher(name).matches()) {
            return Optional.of(FIELD + ": '" + shown(file) + "' is not a log; use " + ALLOWED);
        }
        return Optional.empty();
    }

    /** The file, if it may be read. @throws IllegalArgumentException with {@link #problem} otherwise */
    public static String requireReadable(String file) {
        Optional<String> problem = problem(file);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return file;
    }

    private static String shown(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
