package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup file systems mounted on this machine, from {@code /proc/self/mounts}: v1 hierarchies
 * (one per controller or co-mounted, e.g. {@code cpu,cpuacct}) and the v2 unified hierarchy.
 */
record CgroupMounts(List<Mount> mounts) {

    record Mount(Path mountPoint, String type, List<String> options) {
        boolean v2() {
            return type.equals("cgroup2");
        }
    }

    static CgroupMounts read() {
        return read(Path.of("/proc/self/mounts"));
    }

    static CgroupMounts read(Path mountsFile) {
        List<Mount> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(mountsFile)) {
                String[] f = line.split(" ");
                if (f.length >= 4 && (f[2].equals("cgroup") || f[2].equals("cgroup2"))) {
                    out.add(new Mount(Path.of(unescape(f[1])), f[2], Arrays.asList(f[3].split(","))));
                }
            }
        } catch (IOException e) {
            return new CgroupMounts(List.of());
        }
        return new CgroupMounts(List.copyOf(out));
    }

    /** The v1 hierarchy that carries {@code controller}, if mounted. */
    Optional<Path> v1(String controller) {
        return mounts.stream().filter(m -> !m.v2() && m.options().contains(controller))
                .map(Mount::mountPoint).findFirst();
    }

    /** The v2 unified hierarchy, if mounted. */
    Optional<Path> v2() {
        return mounts.stream().filter(Mount::v2).map(Mount::mountPoint).findFirst();
    }

    /** /proc/mounts writes space, tab, newline and backslash in octal escapes. */
    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
