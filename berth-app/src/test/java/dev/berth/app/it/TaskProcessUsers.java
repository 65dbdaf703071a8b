package dev.berth.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OS users that the processes of running tasks belong to, read from {@code /proc}: for each task
 * whose wrapper (named in its sandbox's {@code .berth/pid}) is alive, the owners of the wrapper's
 * descendants, i.e. the task's command and what it started. The wrapper itself is the agent's (root).
 */
final class TaskProcessUsers {
    private TaskProcessUsers() {
    }

    /** Task id → the users its command's processes run as; tasks that are not running are left out. */
    static Map<String, Set<String>> of(Path agentWorkDir) throws IOException {
        Map<String, Set<String>> users = new TreeMap<>();
        for (Map.Entry<String, Long> wrapper : TaskProcessCleanup.liveWrappers(agentWorkDir).entrySet()) {
            Set<String> owners = new TreeSet<>();
            ProcessHandle.of(wrapper.getValue()).ifPresent(w -> w.descendants().forEach(child -> {
                try {
                    owners.add(Files.getOwner(Path.of("/proc", Long.toString(child.pid()))).getName());
                } catch (IOException e) {
                    // the child ended meanwhile
                }
            }));
            if (!owners.isEmpty()) {
                users.put(wrapper.getKey(), owners);
            }
        }
        return users;
    }
}
