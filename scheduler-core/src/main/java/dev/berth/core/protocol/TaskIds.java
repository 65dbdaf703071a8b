package dev.berth.core.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for task ids, which become paths on agents (the sandbox {@code <workDir>/sandboxes/<taskId>},
 * the task's cgroup directories) and keys of their checkpoint: 1 to 200 characters of
 * {@code [A-Za-z0-9._-]} starting with a letter or digit, so an id is always one plain path element,
 * never {@code .}, {@code ..}, empty, hidden, an option ({@code -x}) or a path ({@code a/b}). The ids the
 * SDK makes ({@code <pod-instance>-<task>__<uuid>}) are of this kind. The master refuses a LAUNCH
 * naming another id, and an agent checks again before it makes anything for a task.
 */
public final class TaskIds {
    /** The field a refusal names. */
    public static final String FIELD = "task_id";
    /** What is allowed, for messages. */
    public static final String ALLOWED = "1-200 characters of [A-Za-z0-9._-] starting with a letter or digit";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    /** How much of a refused id a message shows. */
    private static final int SHOWN = 80;

    private TaskIds() {
    }

    public static boolean isSafe(String taskId) {
        return taskId != null && SAFE.matcher(taskId).matches();
    }

    /** Why the id may not be used, naming the field, the value and what is allowed; empty when it may. */
    public static Optional<String> problem(String taskId) {
        if (isSafe(taskId)) {
            return Optional.empty();
        }
        String value = taskId == null ? "missing" : "'" + shown(taskId) + "' is not accepted";
        return Optional.of(FIELD + ": " + value + "; use " + ALLOWED);
    }

    /**
     * The id, if it is safe to use as a path element.
     *
     * @throws IllegalArgumentException with {@link #problem} otherwise
     */
    public static String requireSafe(String taskId) {
        Optional<String> problem = problem(taskId);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return taskId;
    }

    /** The id as a message shows it: control characters escaped, a long one cut short. */
    private static String shown(String taskId) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(taskId.length(), SHOWN); i++) {
            char c = taskId.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (taskId.length() > SHOWN) {
            out.append("... (").append(taskId.length()).append(" characters)");
        }
        return out.toString();
    }
}
