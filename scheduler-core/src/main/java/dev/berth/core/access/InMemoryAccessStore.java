package dev.berth.core.access;

import java.util.function.UnaryOperator;

/** An access store in memory only: for tests and tools; a master keeps its ACL in ZooKeeper. */
public final class InMemoryAccessStore implements AccessStore {
    private AccessState state;

    public InMemoryAccessStore(AccessState initial) {
        this.state = initial;
    }

    @Override
    public synchronized AccessState current() {
        return state;
    }

    @Override
    public synchronized AccessState update(UnaryOperator<AccessState> change) {
        state = change.apply(state);
        return state;
    }
}
