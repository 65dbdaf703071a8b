package dev.berth.core.state;

import dev.berth.core.protocol.FrameworkInfo;
import java.util.ArrayList;
import java.util.List;

/** A set of writes to the registry that land together. */
public final class RegistryChange {
    private final List<StoredAgent> agents = new ArrayList<>();
    private final List<FrameworkInfo> frameworks = new ArrayList<>();
    private final List<StoredTask> tasks = new ArrayList<>();
    private final List<String> removedTasks = new ArrayList<>();
    private final List<String> removedFrameworks = new ArrayList<>();

    public RegistryChange put(StoredAgent agent) {
        agents.add(agent);
        return this;
    }

    public RegistryChange put(FrameworkInfo framework) {
        frameworks.add(framework);
        return this;
    }

    public RegistryChange put(StoredTask task) {
        tasks.add(task);
        return this;
    }

    public RegistryChange removeTask(String taskId) {
        removedTasks.add(taskId);
        return this;
    }

    public RegistryChange removeFramework(String frameworkId) {
        removedFrameworks.add(frameworkId);
        return this;
    }

    public List<StoredAgent> agents() {
        return agents;
    }

    public List<FrameworkInfo> frameworks() {
        return frameworks;
    }

    public List<StoredTask> tasks() {
        return tasks;
    }

    public List<String> removedTasks() {
        return removedTasks;
    }

    public List<String> removedFrameworks() {
        return removedFrameworks;
    }

    public boolean isEmpty() {
        return agents.isEmpty() && frameworks.isEmpty() && tasks.isEmpty() && removedTasks.isEmpty()
                && removedFrameworks.isEmpty();
    }
}
