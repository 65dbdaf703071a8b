package dev.berth.core.protocol;

/**
 * {@code POST /v1/agent/{id}/files/{requestId}}: an agent's answer to a {@link AgentCommand.ReadFile}, the
 * chunk it read or why it could not: {@code missing} (no such task sandbox or file: a 404 to the reader) or
 * {@code refused} (a path outside the sandbox and its volumes, say: a 400).
 */
public record TaskFileAnswer(TaskFileChunk chunk, String missing, String refused) {
    public static TaskFileAnswer of(TaskFileChunk chunk) {
        return new TaskFileAnswer(chunk, null, null);
    }

    public static TaskFileAnswer missing(String why) {
        return new TaskFileAnswer(null, why, null);
    }

    public static TaskFileAnswer refused(String why) {
        return new TaskFileAnswer(null, null, why);
    }
}
