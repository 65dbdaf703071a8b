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

/**
 * Where Berth finds packages: the classpath folder {@code packages/<name>/} (Berth's own {@code hello},
 * and the {@code kafka} and {@code cassandra} framework modules), and optionally a directory on disk
 * with the same layout, for packages of one's own. A package on disk replaces a classpath package of the
 * same name, so one can try a changed copy. Packages are read afresh on every call: editing a package
 * on disk needs no restart.
 */
public final class PackageRepository {
    static final String ROOT = "packages";

    private final ClassLoader loader;
    private final Optional<Path> directory;

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
                packages.put(name, PackageReader.read(name, folder.source(), folder.files()));
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
        return folder == null ? Optional.empty() : Optional.of(PackageReader.read(name, folder.source(), folder.files()));
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
        Map<String, Folder> folders = new TreeMap<>();
        ClasspathFolders.read(loader, ROOT).forEach((name, files) ->
                folders.put(name, new Folder("classpath:" + ROOT + "/" + name, files)));
        if (directory.isPresent()) {
            try {
                ClasspathFolders.fromDirectory(directory.get()).forEach((name, files) ->
                        folders.put(name, new Folder(directory.get().resolve(name).toString(), files)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read package directory " + directory.get(), e);
            }
        }
        return folders;
    }

    private record Folder(String source, Map<String, String> files) {
    }
}
