package dev.berth.core.agent;

/**
 * Life of a task on an agent, named as Mesos names them. STAGING: checkpointed, sandbox being made;
 * STARTING: process spawned; RUNNING: the wrapper has started the command. The rest are terminal.
 */
public enum TaskState {
    STAGING(false),
    STARTING(false),
    RUNNING(false),
    /** The command exited with status 0. */
    FINISHED(true),
    /** The command exited non-zero, was killed by a signal it was not asked to take, or exceeded a limit. */
    FAILED(true),
    /** The agent was asked to kill the task and did. */
    KILLED(true),
    /** The process disappeared without an exit status and nobody asked the agent to kill it. */
    LOST(true);

    private final boolean terminal;

    TaskState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
