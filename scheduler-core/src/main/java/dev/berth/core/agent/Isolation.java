package dev.berth.core.agent;

import java.io.IOException;
import java.util.Set;

/**
 * How the agent limits and measures its tasks. Chosen once at agent start by
 * {@link Isolations#probe}: cgroup v2, cgroup v1, or, when neither can be written, measuring only
 * (the agent itself then enforces the memory limit by killing an over-limit task).
 */
public interface Isolation {

    /** One line for the agent's start log: the mechanism and where its cgroups live. */
    String describe();

    /** True when the kernel enforces the limits (cgroups), false when the agent measures and kills. */
    boolean kernelEnforced();

    /** Creates the limits for a new task, before its process starts. */
    TaskContainer prepare(String taskId, TaskResources resources) throws IOException;

    /** The container of a task that was prepared before the agent restarted; creates nothing. */
    TaskContainer recover(String taskId, TaskResources resources);

    /**
     * Removes this agent's task cgroups that belong to none of {@code liveTaskIds} (left over by a
     * crash between a task's end and the cgroup's removal), killing processes still inside them.
     */
    void removeOrphans(Set<String> liveTaskIds);

    /** Removes this agent's (empty) cgroup hierarchy: for decommissioning an agent, and for tests. */
    void removeAgentHierarchy();
}
