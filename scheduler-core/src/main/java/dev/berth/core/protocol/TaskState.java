package dev.berth.core.protocol;

/** The life of a task, as agents report it and frameworks see it. */
public enum TaskState {
    /** Accepted by the master, on its way to the agent. */
    STAGING,
    /** The agent is preparing the sandbox and starting the process. */
    STARTING,
    /** The process runs. */
    RUNNING,
    /** A kill was asked; the process has its grace period. */
    KILLING,
    /**
     * Its agent stayed silent past the agent timeout: the task may still run there, cut off. Not an end,
     * as Mesos's TASK_UNREACHABLE for partition-aware frameworks: it keeps its resources, and if the agent
     * comes back with it, it is RUNNING again; the framework decides whether to wait or to kill and replace it.
     */
    UNREACHABLE,
    /** Exited with status 0. */
    FINISHED,
    /** Exited non-zero or by a signal it was not asked to take. */
    FAILED,
    /** Stopped because someone asked. */
    KILLED,
    /** Gone without an exit status: its agent lost it or stayed away too long. */
    LOST,
    /** Never started: the launch did not reach the agent. */
    DROPPED;

    public boolean isTerminal() {
        return switch (this) {
            case FINISHED, FAILED, KILLED, LOST, DROPPED -> true;
            default -> false;
        };
    }
}
