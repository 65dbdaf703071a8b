package dev.berth.core.agent;

import java.util.Optional;

/**
 * A process as the agent knows it: pid plus start time (field 22 of {@code /proc/<pid>/stat}). Pids
 * are reused; a pid whose start time differs is a different process, so every liveness check and
 * every signal goes through this identity, never through the bare pid.
 */
public record ProcessIdentity(long pid, long startTime) {

    /** The identity of the process that has this pid now, if there is a living one. */
    public static Optional<ProcessIdentity> current(long pid) {
        return ProcStat.read(pid).filter(s -> !s.ended()).map(s -> new ProcessIdentity(pid, s.startTime()));
    }

    /** True while the very same process (same pid, same start time) exists and has not ended. */
    public boolean alive() {
        return ProcStat.read(pid).map(s -> s.startTime() == startTime && !s.ended()).orElse(false);
    }

    @Override
    public String toString() {
        return pid + "@" + startTime;
    }
}
