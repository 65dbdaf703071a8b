package dev.berth.core.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists the sub-folders of a classpath folder ({@code packages/}) and the text files in each, across
 * every classpath entry that has it: directories (in the IDE and in Maven's tests) and jars (a
 * framework module shipping its package). A class loader only finds files by exact name, so the
 * folder is read through the URL of each entry. When two entries hold a sub-folder of the same name,
 * the first on the classpath wins whole.
 */
final class ClasspathFolders {
    private ClasspathFolders() {
    }

    /** Sub-folder name to (path inside the sub-folder to content). */
    static Map<String, Map<String, String>> read(ClassLoader loader, String root) {
        Map<String, Map<String, String>> folders = new TreeMap<>();
        try {
            Enumeration<URL> urls = loader.getResources(root);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                Map<String, Map<String, String>> found = "file".equals(url.getProtocol())
                        ? fromDirectory(Path.of(url.toURI())) : fromJar(url, root);
                found.forEach(folders::putIfAbsent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + root, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath folder " + root, e);
        }
        return folders;
    }

    /** Every sub-folder of {@code dir} with the files under it. */
    static Map<String, Map<String, String>> fromDirectory(Path dir) throws IOException {
        Map<String, Map<String, String>> folders = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return folders;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                folders.put(child.getFileName().toString(), files(child));
            }
        }
        return folders;
    }

    /** The text files under {@code folder}, by path relative to it with '/' separators. */
    static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static Map<String, Map<String, String>> fromJar(URL url, String root) throws IOException {
        Map<String, Map<String, String>> folders = new LinkedHashMap<>();
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            return folders;
        }
        jarConnection.setUseCaches(false);
        String prefix = root.endsWith("/") ? root : root + "/";
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix)) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                int slash = rest.indexOf('/');
                if (slash <= 0) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    folders.computeIfAbsent(rest.substring(0, slash), k -> new TreeMap<>())
                            .put(rest.substring(slash + 1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return folders;
    }
}
