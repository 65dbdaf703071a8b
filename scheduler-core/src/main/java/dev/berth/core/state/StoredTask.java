package dev.berth.core.state;

import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.TaskStatus;

/** A task in the master's registry: what was launched, for which framework, and its latest status. */
public record StoredTask(String frameworkId, TaskInfo info, TaskStatus latest) {
    public StoredTask withLatest(TaskStatus status) {
        return new StoredTask(frameworkId, info, status);
    }
}
