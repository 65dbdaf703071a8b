package dev.berth.cassandra.backup;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates directories ({@code rwx------}) and files ({@code rw-------}) that only their owner can read:
 * backups hold the database's rows. The mode is given at creation, not set afterwards, so no other user
 * can open a file in the moment between the two. On a file system without POSIX modes the defaults apply.
 */
final class OwnerOnly {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and its missing parents, each the owner's only; existing ones are left as they are. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // made by another writer in the meantime: fine
        }
    }

    /** An empty file in {@code dir} whose name starts with {@code name}, the owner's only. */
    static Path createTempFile(Path dir, String name) throws IOException {
        FileAttribute<?>[] mode = posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        // a file name may be 255 bytes: keep room for the random part and the suffix
        String start = name.length() > 100 ? name.substring(0, 100) : name;
        return Files.createTempFile(dir, start + ".", ".part", mode);
    }

    private static boolean posix(Path near) {
        return near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
