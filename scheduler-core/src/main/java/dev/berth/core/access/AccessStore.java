package dev.berth.core.access;

import java.util.function.UnaryOperator;

/** Where the principals and the ACL are kept: ZooKeeper on a master ({@code state.ZkAccessStore}), memory in tests. */
public interface AccessStore {
    /** What holds now; cheap, called on every request. */
    AccessState current();

    /**
     * Applies a change and answers the new state once it is durable. A change that throws (a refusal)
     * writes nothing.
     */
    AccessState update(UnaryOperator<AccessState> change);
}
