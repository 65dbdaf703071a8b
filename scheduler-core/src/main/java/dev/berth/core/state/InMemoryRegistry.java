package dev.berth.core.state;

import dev.berth.core.protocol.FrameworkInfo;
import java.util.Map;
import java.util.TreeMap;

/** A registry held in memory, for unit tests and the simulation harness; it survives nothing. */
public final class InMemoryRegistry implements Registry {
    private final Map<String, StoredAgent> agents = new TreeMap<>();
    private final Map<String, FrameworkInfo> frameworks = new TreeMap<>();
    private final Map<String, StoredTask> tasks = new TreeMap<>();

    @Override
    public synchronized Snapshot load() {
        return new Snapshot(Map.copyOf(agents), Map.copyOf(frameworks), Map.copyOf(tasks));
    }

    @Override
    public synchronized void commit(RegistryChange change) {
        change.agents().forEach(a -> agents.put(a.info().id(), a));
        change.frameworks().forEach(f -> frameworks.put(f.id().orElseThrow(), f));
        change.tasks().forEach(t -> tasks.put(t.info().taskId(), t));
        change.removedTasks().forEach(tasks::remove);
        change.removedFrameworks().forEach(frameworks::remove);
    }

    @Override
    public void close() {
    }
}
