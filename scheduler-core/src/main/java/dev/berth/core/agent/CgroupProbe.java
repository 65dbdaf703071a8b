package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared cgroup directory chores of the v1 and v2 isolations: probing, listing, removing. */
final class CgroupProbe {
    private CgroupProbe() {
    }

    /**
     * Creates {@code root} (the agent's cgroup) and a throw-away child in it, to learn at agent start,
     * not at the first launch, whether this process may create cgroups there.
     */
    static void requireWritable(Path root) throws IOException {
        try {
            Files.createDirectories(root);
            Path probe = root.resolve(".probe-" + ProcessHandle.current().pid());
            Files.createDirectories(probe);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IOException("cannot create cgroups under " + root + ": " + e, e);
        }
    }

    static List<String> children(Path root) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isDirectory)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Retries {@link TaskContainer#destroy()} while the kernel still tears down the last processes. */
    static boolean destroyWithin(TaskContainer container, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (container.destroy()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** rmdir of the agent's cgroup and of the shared {@code berth} parent when they are empty. */
    static void removeHierarchy(Path agentRoot) {
        CgroupFiles.remove(agentRoot);
        Path berth = agentRoot.getParent();
        if (berth != null && children(berth).isEmpty()) {
            CgroupFiles.remove(berth);
        }
    }
}
