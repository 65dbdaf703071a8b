package dev.berth.core.protocol;

/**
 * A read of one of a task's files ({@link TaskFiles}): either its last {@code tailLines} lines, or from byte
 * {@code offset} on; at most {@code limit} bytes either way. A reader that follows a file asks again from the
 * {@code nextOffset} of the chunk it got.
 */
public record TaskFileRead(String taskId, String file, long offset, int tailLines, int limit) {
    /** The most one read answers, so a chunk stays a small message on the agent's protocol. */
    public static final int MAX_LIMIT = 1 << 20;
    /** The most lines a tail asks for. */
    public static final int MAX_TAIL = 100_000;

    public TaskFileRead {
        TaskIds.requireSafe(taskId);
        TaskFiles.requireReadable(file);
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " is negative; use a byte offset of 0 or more");
        }
        if (tailLines < 0 || tailLines > MAX_TAIL) {
            throw new IllegalArgumentException("tail: " + tailLines + " is out of range; use 0 (none) to " + MAX_TAIL + " lines");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is out of range; use 1 to " + MAX_LIMIT + " bytes");
        }
    }

    public boolean isTail() {
        return tailLines > 0;
    }
}
