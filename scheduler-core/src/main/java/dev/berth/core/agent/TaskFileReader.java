package dev.berth.core.agent;

import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskFileChunk;
import dev.berth.core.protocol.TaskFileRead;
import dev.berth.core.protocol.TaskFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a piece of a task's file for the master ({@link TaskFileRead}): only a file {@link TaskFiles} allows,
 * and only if its real path (symlinks followed) lies in the task's sandbox or one of its volumes, so a task
 * cannot lead a reader elsewhere with a link of its own. Text is cut at a UTF-8 character's boundary.
 */
final class TaskFileReader {
    private TaskFileReader() {
    }

    /**
     * @param sandbox the task's sandbox directory
     * @param volumes the host directories of the task's volumes (reached through their symlinks in the sandbox)
     */
    static TaskFileAnswer read(Path sandbox, List<Path> volumes, TaskFileRead read) {
        java.util.Optional<String> problem = TaskFiles.problem(read.file());
        if (problem.isPresent()) {
            return TaskFileAnswer.refused(problem.get());
        }
        Path real;
        try {
            real = sandbox.resolve(read.file()).toRealPath();
        } catch (NoSuchFileException e) {
            return TaskFileAnswer.missing("task " + read.taskId() + " has no file '" + read.file() + "'");
        } catch (IOException e) {
            return TaskFileAnswer.missing("task " + read.taskId() + "'s file '" + read.file() + "' cannot be read: " + e.getMessage());
        }
        if (!inside(real, sandbox, volumes)) {
            return TaskFileAnswer.refused(TaskFiles.FIELD + ": '" + read.file() + "' leads outside the task's sandbox and"
                    + " volumes; use " + TaskFiles.ALLOWED);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return TaskFileAnswer.refused(TaskFiles.FIELD + ": '" + read.file() + "' is not a regular file");
        }
        try (SeekableByteChannel ch = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            long from;
            boolean truncated = false;
            if (read.isTail()) {
                from = tailStart(ch, size, read.tailLines(), read.limit());
            } else if (read.offset() > size) {
                // rotated (copied and truncated) since the reader's last piece: go on from the new start
                from = 0;
                truncated = true;
            } else {
                from = read.offset();
            }
            int length = (int) Math.min(read.limit(), size - from);
            ByteBuffer bytes = ByteBuffer.allocate(length);
            ch.position(from);
            while (bytes.hasRemaining() && ch.read(bytes) > 0) {
                // read to the end of what was there
            }
            bytes.flip();
            int whole = wholeCharacters(bytes);
            if (whole == 0) {
                whole = bytes.limit(); // a limit smaller than one character: take it, so a follower moves on
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(bytes.slice(0, whole)).toString();
            return TaskFileAnswer.of(new TaskFileChunk(read.taskId(), read.file(), from, from + whole, size, truncated,
                    false, text));
        } catch (IOException e) {
            return TaskFileAnswer.missing("task " + read.taskId() + "'s file '" + read.file() + "' cannot be read: " + e.getMessage());
        }
    }

    private static boolean inside(Path real, Path sandbox, List<Path> volumes) {
        List<Path> roots = new ArrayList<>();
        roots.add(sandbox);
        roots.addAll(volumes);
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return true;
                }
            } catch (IOException e) {
                // a root that is gone holds nothing
            }
        }
        return false;
    }

    /** Where the last {@code lines} lines start, looking back at most {@code limit} bytes from the end. */
    static long tailStart(SeekableByteChannel ch, long size, int lines, int limit) throws IOException {
        long floor = Math.max(0, size - limit);
        long pos = size;
        int newlines = 0;
        ByteBuffer block = ByteBuffer.allocate(8192);
        while (pos > floor) {
            int n = (int) Math.min(block.capacity(), pos - floor);
            block.clear().limit(n);
            ch.position(pos - n);
            while (block.hasRemaining() && ch.read(block) > 0) {
                // fill the block
            }
            for (int i = n - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    if (pos - n + i == size - 1) {
                        continue; // the newline that ends the file ends the last line; it starts none
                    }
                    if (++newlines == lines) {
                        return pos - n + i + 1;
                    }
                }
            }
            pos -= n;
        }
        return floor;
    }

    /** How many of the bytes make whole UTF-8 characters: a sequence cut at the end is left for the next piece. */
    static int wholeCharacters(ByteBuffer bytes) {
        int end = bytes.limit();
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes.get(end - back) & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: look further back for the sequence's lead
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? end - back : end;
        }
        return end;
    }
}
