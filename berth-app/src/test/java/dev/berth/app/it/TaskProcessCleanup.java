package dev.berth.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Stops what agents started in a test, by pid: every task's process group named in its sandbox's
 * {@code .berth/pid} file (only when the process there still has the recorded start time), then the
 * agent's cgroups. Tasks outlive their agents by design, so a test must end them itself.
 */
final class TaskProcessCleanup {
    private TaskProcessCleanup() {
    }

    static void stopTasks(Path agentWorkDir) throws IOException, InterruptedException {
        for (long pid : liveWrappers(agentWorkDir).values()) {
            signalGroup(pid, "TERM");
        }
        Thread.sleep(500);
        for (long pid : liveWrappers(agentWorkDir).values()) {
            signalGroup(pid, "KILL");
        }
    }

    /**
     * Task id → the pid of its wrapper, for every task whose sandbox names a wrapper that still runs (the
     * process there has the recorded start time, so a reused pid is not taken for it).
     */
    static Map<String, Long> liveWrappers(Path agentWorkDir) throws IOException {
        Map<String, Long> live = new TreeMap<>();
        Path sandboxes = agentWorkDir.resolve("sandboxes");
        if (!Files.isDirectory(sandboxes)) {
            return live;
        }
        try (Stream<Path> dirs = Files.list(sandboxes)) {
            for (Path dir : dirs.toList()) {
                Path pidFile = dir.resolve(".berth/pid");
                if (!Files.exists(pidFile)) {
                    continue;
                }
                String[] parts = Files.readString(pidFile).trim().split("\\s+");
                long pid = Long.parseLong(parts[0]);
                if (parts.length > 1 && sameProcess(pid, parts[1])) {
                    live.put(dir.getFileName().toString(), pid);
                }
            }
        }
        return live;
    }

    /** Removes the (by now empty) cgroups of an agent named {@code agentName}, deepest first. */
    static void removeCgroups(String agentName) throws IOException {
        for (String controller : List.of("cpu", "memory", "cpuacct", "cpu,cpuacct")) {
            Path root = Path.of("/sys/fs/cgroup", controller, "berth", agentName);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    try {
                        // a killed task's processes leave its cgroup as they are reaped: rmdir once they have
                        Awaitility.await("the processes of " + p + " gone").atMost(Duration.ofSeconds(10))
                                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                                .until(() -> Files.readString(p.resolve("cgroup.procs")).isBlank());
                        Files.delete(p);
                    } catch (IOException | org.awaitility.core.ConditionTimeoutException e) {
                        // still busy: the agent's next start removes it
                    }
                }
            }
        }
    }

    static boolean sameProcess(long pid, String startTime) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[19].equals(startTime) && !fields[0].equals("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private static void signalGroup(long pgid, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid).redirectErrorStream(true).start().waitFor();
    }
}
