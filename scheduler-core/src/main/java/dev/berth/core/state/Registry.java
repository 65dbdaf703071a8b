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

    /**
     * Applies every put and delete of the change atomically, or none of them. A registry in ZooKeeper
     * refuses the change with {@link FencedException} once another master has begun a newer term.
     */
    void commit(RegistryChange change);

    /**
     * The leadership epoch the writes are made in; the master stamps it on what it tells agents, so they
     * can refuse a deposed leader. 0 where there is no election (a registry in memory).
     */
    default long epoch() {
        return 0;
    }

    @Override
    void close();
}
