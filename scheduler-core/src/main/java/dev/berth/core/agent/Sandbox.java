package dev.berth.core.agent;

import dev.berth.core.protocol.TaskIds;
import dev.berth.volumes.ApparentSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A task's sandbox directory, {@code <workDir>/sandboxes/<taskId>}: the task's working directory,
 * its {@code stdout} and {@code stderr} files, its volumes (symlinks at their container paths) and,
 * under {@code .berth/}, the files the wrapper and the agent share: the wrapper script, {@code pid}
 * ("PID STARTTIME") and {@code exit_status}.
 */
public final class Sandbox {
    static final String WRAPPER_RESOURCE = "task-wrapper.sh";

    private final Path dir;

    public Sandbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * The sandbox of a task.
     *
     * @throws IllegalArgumentException if the task id is not one plain path element ({@link TaskIds})
     */
    public static Sandbox of(Path workDir, String taskId) {
        return new Sandbox(root(workDir).resolve(TaskIds.requireSafe(taskId)));
    }

    /** The directory that holds every sandbox of an agent. */
    static Path root(Path workDir) {
        return workDir.resolve("sandboxes");
    }

    public Path dir() {
        return dir;
    }

    public Path stdout() {
        return dir.resolve("stdout");
    }

    public Path stderr() {
        return dir.resolve("stderr");
    }

    /** The directory shared by the agent and the wrapper; hidden from a casual {@code ls}. */
    public Path metaDir() {
        return dir.resolve(".berth");
    }

    public Path wrapperScript() {
        return metaDir().resolve("wrapper.sh");
    }

    public Path pidFile() {
        return metaDir().resolve("pid");
    }

    public Path exitStatusFile() {
        return metaDir().resolve("exit_status");
    }

    /**
     * Creates the sandbox for a new task: directories, empty output files, the wrapper script and a
     * symlink per volume. Refuses an existing sandbox, which would mix two tasks' files.
     */
    public void create(List<MountedVolume> volumes) throws IOException {
        create(volumes, java.util.Map.of());
    }

    /**
     * Creates the sandbox as above and writes the task's rendered config files into it (paths
     * relative to the sandbox; a path that leaves it is refused), readable by their owner only.
     */
    public void create(List<MountedVolume> volumes, java.util.Map<String, String> files) throws IOException {
        Files.createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("sandbox " + dir + " already exists; a task id is used once per agent", e);
        }
        Files.createDirectories(metaDir());
        Files.createFile(stdout());
        Files.createFile(stderr());
        try (InputStream in = Sandbox.class.getResourceAsStream(WRAPPER_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + WRAPPER_RESOURCE + " is missing from the agent's classpath");
            }
            Files.copy(in, wrapperScript(), StandardCopyOption.REPLACE_EXISTING);
        }
        for (MountedVolume volume : volumes) {
            linkVolume(volume);
        }
        for (java.util.Map.Entry<String, String> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey()).normalize();
            if (!target.startsWith(dir) || target.equals(dir) || target.startsWith(metaDir())) {
                throw new IOException("config file '" + f.getKey() + "' leaves the sandbox");
            }
            Files.createDirectories(target.getParent());
            // owner only from the start: a config file may hold a secret of the service (a password file)
            Files.deleteIfExists(target);
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(target, f.getValue());
        }
    }

    private void linkVolume(MountedVolume volume) throws IOException {
        if (!Files.isDirectory(volume.hostPath())) {
            throw new IOException("volume " + volume.persistenceId() + ": host path " + volume.hostPath()
                    + " is not a directory; the volume must exist before the task is launched");
        }
        Path link = dir.resolve(volume.containerPath()).normalize();
        if (!link.startsWith(dir) || link.equals(dir)) {
            throw new IOException("volume " + volume.persistenceId() + ": container path '" + volume.containerPath()
                    + "' leaves the sandbox");
        }
        Files.createDirectories(link.getParent());
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("volume " + volume.persistenceId() + ": container path '" + volume.containerPath()
                    + "' is already taken in the sandbox");
        }
        Files.createSymbolicLink(link, volume.hostPath());
    }

    /** The wrapper's record of itself, present once it has joined its cgroups and is about to run the command. */
    public Optional<ProcessIdentity> readPidFile() {
        try {
            String[] parts = Files.readString(pidFile()).trim().split("\\s+");
            return Optional.of(new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The command's exit status as the wrapper recorded it; empty if the wrapper never got to write it. */
    public OptionalInt readExitStatus() {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(exitStatusFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The last {@code maxChars} characters of stderr, to quote in a launch failure. */
    public String stderrTail(int maxChars) {
        try {
            String text = Files.readString(stderr());
            return text.length() <= maxChars ? text.strip() : text.substring(text.length() - maxChars).strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Apparent size of the sandbox's files; symlinks (volumes) are not followed. */
    public long diskUsageBytes() {
        try {
            return ApparentSize.of(dir);
        } catch (java.io.IOException e) {
            return 0; // the sandbox is gone or unreadable: nothing to count
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
