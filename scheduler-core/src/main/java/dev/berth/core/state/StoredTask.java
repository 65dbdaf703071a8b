package dev.berth.core.state;

import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskStatus;

/**
 * A task in the master's registry: what was launched, for which framework, and its latest status. The
 * registry keeps the launch without its config files' contents: they may hold a password or a node's
 * private key, and nothing reads them back (the agent got them with the launch).
 */
public record StoredTask(String frameworkId, TaskInfo info, TaskStatus latest) {
    public StoredTask {
        info = info.withFileContentsHidden();
    }

    public StoredTask withLatest(TaskStatus status) {
        return new StoredTask(frameworkId, info, status);
    }
}
