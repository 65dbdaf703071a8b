package dev.berth.core.sdk.state;

import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * How a {@link ZkStateStore} lands its writes: as one ZooKeeper transaction that the leading master makes
 * conditional on its leadership epoch, so a master whose term has ended changes nothing. The runtime passes
 * the registry's fence ({@code core.state.EpochFence::commit}); the SDK does not see the registry's classes,
 * which is why this is an interface of its own. A refused write throws (a {@code FencedException}).
 */
@FunctionalInterface
public interface StoreWrites {
    void commit(List<CuratorOp> ops) throws Exception;
}
