package dev.berth.core.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The isolation of one task: the cgroups the wrapper joins, and the measurements and limit checks
 * the runner asks for. {@code root} is the wrapper process; the measuring-only implementation uses it
 * to find the task's processes, the cgroup ones do not need it.
 */
public interface TaskContainer {

    /** The {@code cgroup.procs} files the wrapper writes its pid into before running the command. */
    List<Path> joinFiles();

    long memoryBytes(ProcessIdentity root);

    Duration cpuTime(ProcessIdentity root);

    /**
     * A message starting with "memory limit exceeded" when the task went over its memory limit: the
     * kernel's OOM killer struck in the cgroup, or (measuring only) the RSS of its processes is above
     * the limit now.
     */
    Optional<String> memoryLimitViolation(ProcessIdentity root);

    /** Pids still in the task's cgroups (to kill leftovers); empty when isolation cannot tell safely. */
    Set<Long> remainingPids();

    /** Removes the task's cgroups; false while processes remain in them. */
    boolean destroy();
}
