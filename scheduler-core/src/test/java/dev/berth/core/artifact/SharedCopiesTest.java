package dev.berth.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class path for a task of another user holds copies, inside the cache, of what a read-only repository had. */
class SharedCopiesTest {
    @TempDir
    Path tmp;

    @Test
    void filesOfAReadOnlyRepositoryAreCopiedIntoTheCacheReadableByAllAndFilesOfTheCacheStay() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home/.m2/repository"));
        Files.setPosixFilePermissions(tmp.resolve("home"), PosixFilePermissions.fromString("rwx------"));
        Path jarInHome = Files.createDirectories(home.resolve("org/example/lib/1.0")).resolve("lib-1.0.jar");
        Files.writeString(jarInHome, "a jar from the user's repository");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path jarInCache = Files.createDirectories(cache.resolve("org/example/dep/2.0")).resolve("dep-2.0.jar");
        Files.writeString(jarInCache, "a jar the cache downloaded");
        ArtifactCoordinate lib = ArtifactCoordinate.parse("maven:org.example:lib:1.0");
        ArtifactCoordinate dep = ArtifactCoordinate.parse("maven:org.example:dep:2.0");
        Classpath resolved = new Classpath(List.of(lib), List.of(new ResolvedArtifact(lib, jarInHome),
                new ResolvedArtifact(dep, jarInCache)), 0);

        Classpath shared = new SharedCopies(cache, List.of(home)).of(resolved);

        Path copy = cache.resolve(".shared/org/example/lib/1.0/lib-1.0.jar");
        assertThat(shared.entries()).containsExactly(copy, jarInCache);
        assertThat(shared.coordinates()).containsExactly(lib, dep);
        assertThat(Files.readString(copy)).isEqualTo("a jar from the user's repository");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r--r--");
        try (var files = Files.list(copy.getParent())) {
            assertThat(files.toList()).as("no temporary file is left behind").containsExactly(copy);
        }
        // a second task finds the copy in place
        long modified = Files.getLastModifiedTime(copy).toMillis();
        assertThat(new SharedCopies(cache, List.of(home)).of(resolved).entries()).containsExactly(copy, jarInCache);
        assertThat(Files.getLastModifiedTime(copy).toMillis()).isEqualTo(modified);
    }
}
