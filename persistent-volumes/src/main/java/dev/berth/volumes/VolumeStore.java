package dev.berth.volumes;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's side of persistent volumes: the directories on disk. The master decides (see
 * {@link VolumeLedger}); the agent makes the directory when a CREATE arrives, exposes it to tasks,
 * measures it, and removes it on DESTROY. A volume is "kept across restarts" simply because it is
 * a directory that nothing but DESTROY removes; {@link #list()} finds it again by scanning.
 *
 * <p><b>Layout</b>, as in Mesos: one folder per role and persistence id under the disk's root,
 * <pre>
 *   ROOT disk:        &lt;workDir&gt;/volumes/roles/&lt;role&gt;/&lt;persistence id&gt;
 *   PATH/MOUNT disk:  &lt;disk root&gt;/volumes/roles/&lt;role&gt;/&lt;persistence id&gt;
 * </pre>
 * with the role written by {@link RoleDirectoryName} ({@code db/kafka} as {@code db%2Fkafka},
 * reversible). Persistence ids are already safe directory names ({@link PersistenceId}).
 *
 * <p><b>Links.</b> Volume contents are written by tasks and are not trusted. Nothing here follows a
 * symbolic link below a disk's root: the {@code volumes}, {@code roles}, role and volume directories
 * must be real directories (else {@link FileSystemException}), usage counts a link as a link, and
 * destroy removes links without touching what they point to ({@link RecursiveDelete}). The work dir
 * and disk roots themselves are the operator's and may be links.
 *
 * <p>Not thread-safe per volume: the agent applies operations on one volume one after another.
 */
public final class VolumeStore {
    static final String VOLUMES = "volumes";
    static final String ROLES = "roles";

    private final Path workDir;
    /** Every disk this agent has, ROOT first, with the directory volumes go under. */
    private final Map<DiskSource, Path> roots;

    /** A store on the agent's work dir only (the ROOT disk). */
    public VolumeStore(Path workDir) {
        this(workDir, List.of());
    }

    /**
     * A store on the work dir and on the PATH and MOUNT disks the agent declares; only these disks
     * are scanned by {@link #list()}, so a volume on an undeclared disk is refused rather than lost.
     */
    public VolumeStore(Path workDir, Collection<DiskSource> disks) {
        this.workDir = workDir.toAbsolutePath().normalize();
        Map<DiskSource, Path> r = new LinkedHashMap<>();
        r.put(DiskSource.ROOT, this.workDir);
        disks.stream().filter(d -> d.kind() != DiskSource.Kind.ROOT).sorted()
                .forEach(d -> r.put(d, Path.of(d.root()).normalize()));
        this.roots = Collections.unmodifiableMap(r);
    }

    /** A store for an agent declared with {@code resources}: its disk sources are taken from them. */
    public static VolumeStore forAgent(Path workDir, Resources resources) {
        Set<DiskSource> disks = new HashSet<>();
        resources.list().stream().filter(res -> res.name().equals(Resource.DISK)).forEach(res -> disks.add(res.source()));
        return new VolumeStore(workDir, disks);
    }

    public Path workDir() {
        return workDir;
    }

    /** The disks this store knows, ROOT first. */
    public Set<DiskSource> disks() {
        return roots.keySet();
    }

    /** Where the volume lives (whether or not it exists yet). No I/O. */
    public Path path(Volume volume) {
        return rolesDir(volume.source()).resolve(RoleDirectoryName.encode(roleOf(volume))).resolve(volume.id().value());
    }

    /**
     * Makes the volume's directory, and its parents under the disk root as needed. Idempotent: an
     * agent that re-applies a CREATE after a restart finds the directory there and keeps its files.
     *
     * <p>The work dir is made if missing; the root of a PATH or MOUNT disk is not: a MOUNT disk whose
     * device is not mounted would otherwise get its volume written onto the root file system.
     *
     * @return the volume's directory
     * @throws NoSuchFileException if the root of a PATH or MOUNT disk is missing
     * @throws FileSystemException if a directory on the way is a symbolic link or not a directory
     */
    public Path create(Volume volume) throws IOException {
        Path target = path(volume);
        Path root = roots.get(volume.source());
        if (volume.source().kind() == DiskSource.Kind.ROOT) {
            Files.createDirectories(root);
        } else if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "the root of disk " + volume.source()
                    + " is not there (not mounted?); refusing to create " + volume + " elsewhere");
        }
        Path dir = root;
        for (Path segment : root.relativize(target)) {
            dir = dir.resolve(segment);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException exists) {
                requireRealDirectory(dir);
            }
        }
        return target;
    }

    /**
     * Finds the volumes on every known disk by scanning {@code volumes/roles/*}{@code /*}: after a
     * restart this is how the agent learns what survived. Entries that this store cannot have made
     * (a name that decodes to no role or no valid persistence id, a file, a link) are skipped.
     *
     * @return the volumes found, sorted by disk, role and persistence id
     */
    public List<StoredVolume> list() throws IOException {
        List<StoredVolume> found = new ArrayList<>();
        for (Map.Entry<DiskSource, Path> disk : roots.entrySet()) {
            Path rolesDir = rolesDir(disk.getKey());
            if (!isRealDirectory(rolesDir.getParent()) || !isRealDirectory(rolesDir)) {
                continue;
            }
            for (Path roleDir : realSubdirectories(rolesDir)) {
                Optional<Role> role = RoleDirectoryName.decode(roleDir.getFileName().toString());
                if (role.isEmpty()) {
                    continue;
                }
                for (Path volumeDir : realSubdirectories(roleDir)) {
                    parseId(volumeDir.getFileName().toString())
                            .ifPresent(id -> found.add(new StoredVolume(disk.getKey(), role.get(), id, volumeDir)));
                }
            }
        }
        Collections.sort(found);
        return List.copyOf(found);
    }

    /**
     * True when the volume's directory is there.
     *
     * @throws FileSystemException if a directory on the way to it is a symbolic link
     */
    public boolean exists(Volume volume) throws IOException {
        return realDirectoriesUpTo(volume.source(), path(volume));
    }

    /**
     * Bytes used by the volume, walking its tree without following links.
     *
     * <p>Counts the <em>apparent size</em>: the sum of the lengths of the regular files, each file
     * (inode) once however many hard links it has; directories and symbolic links count 0. That is
     * what the task wrote, the same on every file system, and what a test can predict; it is not the
     * allocated blocks {@code du} reports (a sparse file counts its full length, a 1-byte file counts
     * 1 and not a block), because the JDK has no portable way to read allocated blocks.
     *
     * @throws NoSuchFileException if the volume's directory does not exist
     */
    public long usage(Volume volume) throws IOException {
        Path target = path(volume);
        requireRealDirectories(volume.source(), target);
        return ApparentSize.of(target);
    }

    /**
     * Removes the volume's directory and everything in it, never following a symbolic link (a link
     * in the volume is removed, its target is kept). The ledger has already made sure no task uses
     * the volume. Idempotent.
     *
     * @return false when there was no such directory
     * @throws FileSystemException if a directory above the volume is a symbolic link (nothing is removed)
     */
    public boolean destroy(Volume volume) throws IOException {
        Path target = path(volume);
        if (!realDirectoriesUpTo(volume.source(), target.getParent())) {
            return false;
        }
        return RecursiveDelete.delete(target);
    }

    /**
     * Removes a volume this store found ({@link #list()}): one its agent's ledger no longer has. The path
     * is made here from the volume's disk, role and id, never taken from the caller.
     */
    public boolean destroy(DiskSource source, Role role, PersistenceId id) throws IOException {
        Path target = rolesDir(source).resolve(RoleDirectoryName.encode(role)).resolve(id.value());
        if (!realDirectoriesUpTo(source, target.getParent())) {
            return false;
        }
        return RecursiveDelete.delete(target);
    }

    private Path rolesDir(DiskSource source) {
        Path root = roots.get(source);
        if (root == null) {
            throw new InvalidResourceException("disk source", source.toString(),
                    "a disk of this agent: " + roots.keySet().stream().map(d -> d.kind() == DiskSource.Kind.ROOT
                            ? "ROOT" : d.toString()).toList());
        }
        return root.resolve(VOLUMES).resolve(ROLES);
    }

    private static Role roleOf(Volume volume) {
        return volume.role().orElseThrow(() -> new InvalidResourceException("volume " + volume.id() + " disk",
                volume.disk().toString(), "disk reserved for a role"));
    }

    /** Every directory from the disk root's {@code volumes} down to {@code path} must be real (no link). */
    private void requireRealDirectories(DiskSource source, Path path) throws IOException {
        Path root = roots.get(source);
        Path dir = root;
        for (Path segment : root.relativize(path)) {
            dir = dir.resolve(segment);
            requireRealDirectory(dir);
        }
    }

    /**
     * Like {@link #requireRealDirectories} but a missing directory is an answer, not an error:
     * false when some directory on the way (or {@code path} itself) is not there.
     */
    private boolean realDirectoriesUpTo(DiskSource source, Path path) throws IOException {
        Path root = roots.get(source);
        Path dir = root;
        for (Path segment : root.relativize(path)) {
            dir = dir.resolve(segment);
            if (!Files.exists(dir, NOFOLLOW_LINKS)) {
                return false;
            }
            requireRealDirectory(dir);
        }
        return true;
    }

    private static void requireRealDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (Files.isSymbolicLink(dir)) {
            throw new FileSystemException(dir.toString(), null,
                    "is a symbolic link; volume directories must be real directories under the disk root");
        }
        if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(dir.toString());
        }
    }

    private static boolean isRealDirectory(Path dir) {
        return Files.isDirectory(dir, NOFOLLOW_LINKS);
    }

    private static List<Path> realSubdirectories(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (isRealDirectory(entry)) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    private static Optional<PersistenceId> parseId(String name) {
        try {
            return Optional.of(PersistenceId.of(name));
        } catch (InvalidResourceException notAnId) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "volume store on " + roots.values();
    }
}
