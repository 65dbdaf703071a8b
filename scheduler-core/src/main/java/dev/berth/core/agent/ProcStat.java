package dev.berth.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the agent needs. Parsed after the last ')' because the
 * command name in field 2 may itself contain spaces and parentheses. Times are in clock ticks
 * ({@link SystemConstants#clockTicksPerSecond()}); {@code startTime} (field 22) counts from boot and
 * is what tells a process from a later one that reused its pid.
 */
public record ProcStat(long pid, char state, long ppid, long pgrp, long session, long utime, long stime,
        long cutime, long cstime, long startTime, long rssPages) {

    private static final Path PROC = Path.of("/proc");

    /** The process's stat now, or empty when there is no such process. */
    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static ProcStat parse(String line) {
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // f[0] is field 3 (state); field N is f[N - 3].
        String[] f = line.substring(close + 2).trim().split(" +");
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                Long.parseLong(f[19]), Long.parseLong(f[21]));
    }

    /** Zombie ('Z') or dead ('X'): the process has ended even though its entry is still there. */
    public boolean ended() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
