package dev.berth.volumes;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The disk a directory tree uses, as its <em>apparent size</em>: the lengths of its regular files,
 * each file (inode) once however many hard links it has; directories and symbolic links count 0 and
 * links are never followed (so a sandbox does not count the volumes linked into it). That is what a
 * task wrote, the same on every file system; it is not the allocated blocks {@code du} reports,
 * which the JDK cannot read portably. Used for volumes and sandboxes alike.
 */
public final class ApparentSize {
    private ApparentSize() {
    }

    /** @throws NoSuchFileException if {@code root} does not exist */
    public static long of(Path root) throws IOException {
        long[] bytes = {0};
        Set<Object> seen = new HashSet<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Object key = attrs.fileKey();
                if (attrs.isRegularFile() && (key == null || seen.add(key))) {
                    bytes[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException && !file.equals(root)) {
                    return FileVisitResult.CONTINUE; // a task deleted it while we walked
                }
                throw e;
            }
        });
        return bytes[0];
    }
}
