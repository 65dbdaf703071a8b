package dev.berth.core.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of files from read-only local repositories inside the cache, for tasks that run as another
 * user than the agent's: a repository such as {@code ~/.m2/repository} sits in its owner's home, which
 * other users may not enter, while the cache is the agent's to open. Each file is copied once per
 * machine, under {@code <cache>/.shared/} in the same layout, readable by all (a jar of Maven Central
 * is no secret); agents that copy the same file at once each write a temporary file and move it into
 * place atomically, so a reader never sees half a jar.
 */
final class SharedCopies {
    private final Path root;
    private final List<Path> readOnlyRepositories;

    SharedCopies(Path cache, List<Path> readOnlyRepositories) {
        this.root = cache.resolve(".shared");
        this.readOnlyRepositories = readOnlyRepositories;
    }

    /** {@code classpath} with every file of a read-only repository replaced by its copy in the cache. */
    Classpath of(Classpath classpath) {
        List<ResolvedArtifact> artifacts = new ArrayList<>();
        for (ResolvedArtifact a : classpath.artifacts()) {
            artifacts.add(readOnlyRepositories.stream().filter(a.file()::startsWith).findFirst()
                    .map(repo -> new ResolvedArtifact(a.coordinate(), copy(a.file(), root.resolve(repo.relativize(a.file())))))
                    .orElse(a));
        }
        return new Classpath(classpath.requested(), artifacts, classpath.downloads());
    }

    private static Path copy(Path from, Path to) {
        try {
            if (Files.exists(to) && Files.size(to) == Files.size(from)) {
                return to;
            }
            Files.createDirectories(to.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
            try {
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " into the artifact cache for another user", e);
        }
    }
}
