package dev.berth.volumes;

import dev.berth.reservations.InvalidResourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a task sees a volume, relative to its sandbox: {@code data} or {@code cassandra/commitlog}.
 *
 * <p>Relative on purpose: the agent mounts or links the volume <em>inside</em> the task's sandbox,
 * and a path that could leave the sandbox (absolute, or climbing with {@code ..}) would let one
 * service spec overwrite another task's files or the agent's own. Refused: empty, absolute
 * ({@code /data}), a {@code ..} segment, an empty segment ({@code a//b}), a backslash (a Windows
 * separator that would mean something else on another agent) and control characters.
 *
 * <p>Normalized so that equal places are equal values: {@code .} segments and one trailing
 * {@code /} are dropped ({@code ./data/} is {@code data}).
 */
public record ContainerPath(String value) {
    public static final int MAX_LENGTH = 4096;
    private static final String ALLOWED = "a relative path inside the sandbox such as data or cassandra/commitlog"
            + " (not absolute, no '..' or empty segment, no backslash, at most " + MAX_LENGTH + " characters)";

    public ContainerPath {
        value = normalize(value);
    }

    public static ContainerPath of(String value) {
        return new ContainerPath(value);
    }

    /** The segments between the slashes: {@code [cassandra, commitlog]}. */
    public List<String> segments() {
        return List.of(value.split("/"));
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || raw.startsWith("/")
                || raw.indexOf('\\') >= 0 || raw.chars().anyMatch(c -> c < 32 || c == 127)) {
            throw invalid(raw);
        }
        String body = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        List<String> kept = new ArrayList<>();
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..")) {
                throw invalid(raw);
            }
            if (!segment.equals(".")) {
                kept.add(segment);
            }
        }
        if (kept.isEmpty()) {
            throw invalid(raw); // "." or "./": the sandbox itself is no place for a volume
        }
        return String.join("/", kept);
    }

    private static InvalidResourceException invalid(String raw) {
        return new InvalidResourceException("container path", String.valueOf(raw), ALLOWED);
    }

    @Override
    public String toString() {
        return value;
    }
}
