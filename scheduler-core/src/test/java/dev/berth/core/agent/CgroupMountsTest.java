package dev.berth.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMountsTest {
    @TempDir
    Path tmp;

    @Test
    void findsV1ControllersSeparateOrCoMountedAndTheUnifiedHierarchy() throws IOException {
        Path mounts = tmp.resolve("mounts");
        Files.writeString(mounts, String.join("\n",
                "proc /proc proc rw,nosuid 0 0",
                "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0",
                "cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0",
                "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0", ""));

        CgroupMounts parsed = CgroupMounts.read(mounts);

        assertThat(parsed.v1("cpu")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(parsed.v1("cpuacct")).contains(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(parsed.v1("memory")).contains(Path.of("/sys/fs/cgroup/memory"));
        assertThat(parsed.v1("pids")).isEmpty();
        assertThat(parsed.v2()).contains(Path.of("/sys/fs/cgroup/unified"));
    }
}
