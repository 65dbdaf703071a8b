package dev.berth.core.agent;

import java.time.Duration;

/**
 * Memory and CPU of a task measured from {@code /proc}: the sum over the live processes of the
 * session the wrapper leads. CPU time counts each process's own time plus that of its children it
 * has already reaped (cutime/cstime), so work of finished subcommands is not lost.
 */
final class ProcTreeUsage {
    private ProcTreeUsage() {
    }

    static long rssBytes(ProcessIdentity root) {
        long pages = 0;
        for (ProcStat s : ProcessTable.session(root)) {
            pages += s.rssPages();
        }
        return pages * SystemConstants.pageSize();
    }

    static Duration cpuTime(ProcessIdentity root) {
        long ticks = 0;
        for (ProcStat s : ProcessTable.session(root)) {
            ticks += s.utime() + s.stime() + s.cutime() + s.cstime();
        }
        return Duration.ofNanos(ticks * (1_000_000_000L / SystemConstants.clockTicksPerSecond()));
    }
}
