package dev.berth.core.state;

import dev.berth.core.protocol.FrameworkInfo;
import java.util.Map;

/**
 * The master's durable registry: agents with their ledgers, frameworks, tasks. The master writes a
 * change here before it acts on it (before a launch goes to an agent, before it answers), so a
 * standby that takes over finds everything that was acknowledged.
 */
public interface Registry extends AutoCloseable {
    record Snapshot(Map<String, StoredAgent> agents, Map<String, FrameworkInfo> frameworks,
                    Map<String, StoredTask> tasks) {
    }

    Snapshot load();

    /** Applies every put and delete of the change atomically, or none of them. */
    void commit(RegistryChange change);

    @Override
    void close();
}
