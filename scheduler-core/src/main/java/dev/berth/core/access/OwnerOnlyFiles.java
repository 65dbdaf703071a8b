package dev.berth.core.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold a secret (credentials, the cluster secret): written owner-only and atomically, refused when others may read them. */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Refuses a file that others may read, naming {@code what} it holds and the fix. */
    static void requireOwnerOnly(Path file, String what) throws IOException {
        var perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IllegalArgumentException(what + ": " + file + " is readable by others ("
                    + PosixFilePermissions.toString(perms) + "); make it owner-only: chmod 600 " + file);
        }
    }

    /** Writes the file owner-only through a temporary one, so no reader sees half a file or a readable one. */
    static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".berth", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
