package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scan of {@code /proc}: used where no cgroup tells which processes belong to a task, to find the
 * members of a task's session (the wrapper is the session leader, so its pid is the session id).
 */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    static List<ProcStat> all() {
        List<ProcStat> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                Optional<ProcStat> stat = ProcStat.read(Long.parseLong(dir.getFileName().toString()));
                stat.ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Live processes of the session led by {@code leader}; empty once the leader itself is gone. */
    static List<ProcStat> session(ProcessIdentity leader) {
        if (!leader.alive()) {
            return List.of();
        }
        List<ProcStat> out = new ArrayList<>();
        for (ProcStat s : all()) {
            if (s.session() == leader.pid() && !s.ended()) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
