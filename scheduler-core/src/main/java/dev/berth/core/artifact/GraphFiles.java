package dev.berth.core.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Resolved dependency graphs kept as files in the shared artifact cache ({@code <cache>/.graphs}), so
 * that every agent process on a machine profits from the first one's resolve: a new agent launching
 * its first Cassandra node read and mediated cassandra-all's 100 POMs again (2.5–3.8 s on a loaded
 * machine) although the agent next to it had just done so.
 *
 * <p>One file per requested list and resolver configuration (remote repositories, read-only local
 * repositories), named by the SHA-256 of both. It holds the requested coordinates on its first line
 * (checked on reading) and one {@code coordinate<TAB>absolute path} line per resolved artifact, in
 * class path order. Written to a temporary file and moved into place, so a reader sees a whole file
 * or none; agents writing the same graph at once write the same content. The file's modification
 * time says when the graph was resolved.
 *
 * <p>A file is only a hint: a path outside the cache and its read-only repositories, a line that
 * does not parse, or a first line naming other coordinates makes it unknown, and the caller resolves
 * the full way. Its files are verified against their checksums by the caller, as on every resolve.
 */
final class GraphFiles {

    private static final Logger LOG = Logger.getLogger(GraphFiles.class);
    private static final String SUFFIX = ".graph";

    private final Path directory;
    private final List<Path> roots;
    private final String configuration;

    /**
     * @param directory     where the graph files live (created on the first write)
     * @param roots         the only directories a kept path may lie in: the cache and its read-only
     *                      repositories (absolute, normalized)
     * @param configuration what else decides a graph besides the request: the repositories, in order
     */
    GraphFiles(Path directory, List<Path> roots, String configuration) {
        this.directory = directory;
        this.roots = List.copyOf(roots);
        this.configuration = configuration;
    }

    /** A graph kept for {@code requested}, and when it was resolved; empty when none is kept or it is unreadable. */
    Optional<Kept> read(List<ArtifactCoordinate> requested) {
        Path file = fileOf(requested);
        try {
            FileTime resolvedAt = Files.getLastModifiedTime(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(firstLine(requested))) {
                return Optional.empty();
            }
            List<ResolvedArtifact> artifacts = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int tab = line.indexOf('\t');
                Path path = tab < 0 ? null : Path.of(line.substring(tab + 1));
                if (path == null || !path.isAbsolute() || !path.equals(path.normalize())
                        || roots.stream().noneMatch(path::startsWith)) {
                    LOG.warnf("ignoring kept graph %s: line '%s' is not 'coordinate<TAB>path' under %s", file, line, roots);
                    return Optional.empty();
                }
                artifacts.add(new ResolvedArtifact(ArtifactCoordinate.parse(line.substring(0, tab)), path));
            }
            return artifacts.isEmpty() ? Optional.empty() : Optional.of(new Kept(List.copyOf(artifacts), resolvedAt.toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("ignoring kept graph %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps {@code resolved} for {@code requested}, resolved at {@code at}. A failure to write is logged, not thrown: the file only saves time. */
    void write(List<ArtifactCoordinate> requested, List<ResolvedArtifact> resolved, Instant at) {
        StringBuilder text = new StringBuilder(firstLine(requested)).append('\n');
        for (ResolvedArtifact a : resolved) {
            text.append(a.coordinate().text()).append('\t').append(a.file()).append('\n');
        }
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "writing-", ".tmp");
            // readable like the jars beside it (a temporary file is the owner's only): it holds paths, no secret
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(temp, FileTime.from(at));
            try {
                Files.move(temp, fileOf(requested), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, fileOf(requested), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("cannot keep the resolved graph of %s in %s: %s", requested, directory, e.getMessage());
            deleteQuietly(temp);
        }
    }

    /** Forgets the graph kept for {@code requested} (its files turned out corrupt). */
    void delete(List<ArtifactCoordinate> requested) {
        deleteQuietly(fileOf(requested));
    }

    Path fileOf(List<ArtifactCoordinate> requested) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (configuration + '\n' + firstLine(requested)).getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String firstLine(List<ArtifactCoordinate> requested) {
        return requested.stream().map(ArtifactCoordinate::text).collect(Collectors.joining(" "));
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", file, e.getMessage());
        }
    }

    /** A graph read back, and when it was resolved. */
    record Kept(List<ResolvedArtifact> artifacts, Instant resolvedAt) {
    }
}
