package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * Rotates a running task's {@code stdout} or {@code stderr} by copy and truncate, as logrotate's
 * {@code copytruncate} does. The task's wrapper holds the file open with O_APPEND (the agent opened it,
 * and a restarted agent cannot reopen a running task's descriptors), so the file cannot be renamed under
 * it; after the truncate its next write lands at the start of the emptied file. What the task writes
 * between the last copied byte and the truncate, a few microseconds, is lost: the price logrotate
 * documents for the same method. The newest copy is {@code NAME.1}; the oldest beyond {@code keep} is
 * removed.
 */
final class TaskLogRotation {
    private TaskLogRotation() {
    }

    /** Rotates {@code log} when it is larger than {@code maxBytes}; true when it did. */
    static boolean rotateIfOver(Path log, long maxBytes, int keep) throws IOException {
        long size;
        try {
            size = Files.size(log);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (size <= maxBytes) {
            return false;
        }
        Files.deleteIfExists(numbered(log, keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(log, i))) {
                Files.move(numbered(log, i), numbered(log, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (keep > 0) {
                Path copy = numbered(log, 1);
                try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    // up to the size now, not the size seen above: what was written meanwhile is kept too
                    long position = 0;
                    long n;
                    while ((n = in.transferTo(position, Long.MAX_VALUE, out)) > 0) {
                        position += n;
                    }
                }
                sameOwner(log, copy);
            }
            in.truncate(0);
        }
        return true;
    }

    static Path numbered(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }

    /** A task run as another user reads its rotated logs as it reads the live ones. */
    private static void sameOwner(Path original, Path copy) {
        try {
            var owner = Files.getOwner(original);
            if (!owner.equals(Files.getOwner(copy))) {
                Files.setOwner(copy, owner);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // an agent that is not root runs every task as itself: the owners are the same
        }
    }
}
