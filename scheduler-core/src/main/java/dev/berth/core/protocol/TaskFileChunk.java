package dev.berth.core.protocol;

/**
 * A piece of a task's file: the text from byte {@code offset} to {@code nextOffset} (cut at a character's
 * boundary, so UTF-8 text is never split), the file's {@code size} when it was read, and whether the file was
 * {@code truncated} under the reader (a rotated log starts again from 0: the piece is from its new start).
 * {@code taskEnded} tells a follower that no more will come once it has read up to {@code size}.
 */
public record TaskFileChunk(String taskId, String file, long offset, long nextOffset, long size, boolean truncated,
                            boolean taskEnded, String data) {
    public TaskFileChunk withTaskEnded(boolean ended) {
        return new TaskFileChunk(taskId, file, offset, nextOffset, size, truncated, ended, data);
    }

    /** True when the reader has everything the file held when this was read. */
    public boolean atEnd() {
        return nextOffset >= size;
    }
}
