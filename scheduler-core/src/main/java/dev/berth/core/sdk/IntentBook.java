package dev.berth.core.sdk;

import dev.berth.core.protocol.InstanceIntents;
import dev.berth.core.sdk.state.StateStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The service's intents for its pod instances ({@link InstanceIntents}), read from the state store when
 * the scheduler starts and written through on every change, durably before the change is acted on: a
 * replace asked before a failover is still a replace after it, a backoff keeps its count, and the
 * permanent-failure clock keeps its start. Confined to the service loop.
 */
final class IntentBook {
    private final StateStore store;
    private final Map<String, InstanceIntents> intents;

    IntentBook(StateStore store) {
        this.store = store;
        this.intents = new HashMap<>(store.intents());
    }

    InstanceIntents of(String instance) {
        return intents.getOrDefault(instance, InstanceIntents.none(instance));
    }

    /** Changes the instance's intents, durably first; a change that changes nothing writes nothing. */
    void update(String instance, UnaryOperator<InstanceIntents> change) {
        InstanceIntents before = of(instance);
        InstanceIntents after = change.apply(before);
        if (after.equals(before)) {
            return;
        }
        store.storeIntents(after);
        if (after.isEmpty()) {
            intents.remove(instance);
        } else {
            intents.put(instance, after);
        }
    }
}
