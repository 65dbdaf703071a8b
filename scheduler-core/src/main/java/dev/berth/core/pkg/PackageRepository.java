package dev.berth.core.pkg;

import dev.berth.core.spec.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where Berth finds packages: the classpath folder {@code packages/<name>/} (Berth's own {@code hello},
 * and the {@code kafka} and {@code cassandra} framework modules), and optionally a directory on disk
 * with the same layout, for packages of one's own. A package on disk replaces a classpath package of the
 * same name, so one can try a changed copy. Packages on disk are read afresh on every call: editing one
 * needs no restart. Those on the classpath cannot change while Berth runs; they are read once (a master
 * taking the lead would otherwise read and parse them again on its failover's path).
 */
public final class PackageRepository {
    static final String ROOT = "packages";

    private final ClassLoader loader;
    private final Optional<Path> directory;
    private volatile Map<String, Folder> classpathFolders;
    private final Map<String, Package> classpathPackages = new ConcurrentHashMap<>();

    private PackageRepository(ClassLoader loader, Optional<Path> directory) {
        this.loader = loader;
        this.directory = directory;
    }

    /** Packages on the classpath of the class loader that loaded Berth. */
    public static PackageRepository classpath() {
        return of(PackageRepository.class.getClassLoader(), Optional.empty());
    }

    /** Packages on {@code loader}'s classpath, plus those in {@code directory} (one folder per package). */
    public static PackageRepository of(ClassLoader loader, Optional<Path> directory) {
        return new PackageRepository(Objects.requireNonNull(loader, "loader"), directory);
    }

    /** Every package, by name. @throws PackageException when one of them is broken */
    public List<Package> list() {
        Map<String, Package> packages = new TreeMap<>();
        List<Violation> problems = new ArrayList<>();
        folders().forEach((name, folder) -> {
            try {
                packages.put(name, read(name, folder));
            } catch (PackageException e) {
                problems.addAll(e.violations());
            }
        });
        if (!problems.isEmpty()) {
            throw new PackageException("broken packages", problems);
        }
        return List.copyOf(packages.values());
    }

    /** The package called {@code name}, if there is one. @throws PackageException when it is broken */
    public Optional<Package> find(String name) {
        Folder folder = folders().get(name);
        return folder == null ? Optional.empty() : Optional.of(read(name, folder));
    }

    private Package read(String name, Folder folder) {
        if (!folder.onClasspath()) {
            return PackageReader.read(name, folder.source(), folder.files());
        }
        // a broken package throws and is not kept: it is reported again on each call
        return classpathPackages.computeIfAbsent(name, n -> PackageReader.read(n, folder.source(), folder.files()));
    }

    /** The package called {@code name}. @throws PackageException when there is none or it is broken */
    public Package get(String name) {
        return find(name).orElseThrow(() -> new PackageException("unknown package '" + name + "'",
                List.of(new Violation("package", "'" + name + "' is not a package; packages: "
                        + String.join(", ", folders().keySet())))));
    }

    /** Reads one package folder on disk, e.g. for {@code berth install ./my-package}. */
    public static Package load(Path folder) {
        try {
            Path absolute = folder.toAbsolutePath().normalize();
            return PackageReader.read(absolute.getFileName().toString(), absolute.toString(),
                    ClasspathFolders.files(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read package folder " + folder, e);
        }
    }

    private Map<String, Folder> folders() {
        Map<String, Folder> folders = new TreeMap<>(classpathFolders());
        if (directory.isPresent()) {
            try {
                ClasspathFolders.fromDirectory(directory.get()).forEach((name, files) ->
                        folders.put(name, new Folder(directory.get().resolve(name).toString(), files, false)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read package directory " + directory.get(), e);
            }
        }
        return folders;
    }

    private Map<String, Folder> classpathFolders() {
        Map<String, Folder> known = classpathFolders;
        if (known == null) {
            Map<String, Folder> read = new TreeMap<>();
            ClasspathFolders.read(loader, ROOT).forEach((name, files) ->
                    read.put(name, new Folder("classpath:" + ROOT + "/" + name, files, true)));
            classpathFolders = known = Map.copyOf(read);
        }
        return known;
    }

    private record Folder(String source, Map<String, String> files, boolean onClasspath) {
    }
}
