package dev.berth.volumes;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a directory tree without ever following a symbolic link: a link inside the tree is
 * removed as a link, the place it points to is untouched. This matters for volumes because the
 * task that wrote them is not trusted: it may have left {@code data/x -> /etc} behind.
 *
 * <p>Where the platform offers a {@link SecureDirectoryStream} (Linux and other Unixes), every
 * step works relative to an open directory handle and opens sub-directories with
 * {@code NOFOLLOW_LINKS}, so even a task still running and swapping a directory for a link between
 * our check and our descent cannot redirect the delete. Elsewhere it falls back to
 * {@link Files#walkFileTree}, which does not follow links either but checks by path.
 */
public final class RecursiveDelete {
    private RecursiveDelete() {
    }

    /**
     * Deletes {@code path} and everything below it; a link at {@code path} itself is removed as a
     * link. The caller vouches that the parent directories are not links.
     *
     * @return false when there was nothing at {@code path}
     */
    public static boolean delete(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Path name = path.getFileName();
        if (!Files.exists(path, NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (stream instanceof SecureDirectoryStream<Path> secure) {
                return deleteEntry(secure, name);
            }
        }
        walkAndDelete(path);
        return true;
    }

    private static boolean deleteEntry(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException gone) {
            return false;
        }
        try {
            if (attrs.isDirectory()) {
                try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, NOFOLLOW_LINKS)) {
                    for (Path entry : child) {
                        deleteEntry(child, entry.getFileName());
                    }
                }
                dir.deleteDirectory(name);
            } else {
                dir.deleteFile(name);
            }
        } catch (NoSuchFileException gone) {
            // removed by someone else meanwhile: the goal is reached
        }
        return true;
    }

    private static void walkAndDelete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file); // a link is visited as a file (no FOLLOW_LINKS) and deleted as one
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
