package dev.berth.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.jboss.logging.Logger;

/**
 * Makes a leader's writes conditional on its term: every transaction starts with a {@code check} of the
 * epoch znode's version, so once another master has claimed a newer epoch, ZooKeeper refuses the whole
 * transaction and nothing of it lands. This is what stops a leader that wakes up after a GC pause or a
 * partition (and whose Curator client quietly got a new session) from overwriting the new leader's state.
 *
 * <p>The first refusal is logged at ERROR and reported once to {@code onFenced}, which makes the master
 * give up the lead; later writes are refused at once, without asking ZooKeeper.
 */
public final class EpochFence {
    private static final Logger LOG = Logger.getLogger(EpochFence.class);

    private final CuratorFramework curator;
    private final LeaderEpoch epoch;
    private final Consumer<FencedException> onFenced;
    private final Consumer<java.time.Duration> timed;
    private volatile FencedException fenced;

    public EpochFence(CuratorFramework curator, LeaderEpoch epoch, Consumer<FencedException> onFenced) {
        this(curator, epoch, onFenced, took -> { });
    }

    /** @param timed told how long each commit took (ZooKeeper's write latency, as the master sees it) */
    public EpochFence(CuratorFramework curator, LeaderEpoch epoch, Consumer<FencedException> onFenced,
                      Consumer<java.time.Duration> timed) {
        this.curator = curator;
        this.epoch = epoch;
        this.onFenced = onFenced;
        this.timed = timed;
    }

    public LeaderEpoch epoch() {
        return epoch;
    }

    /** Whether a write of this term was refused already. */
    public boolean isFenced() {
        return fenced != null;
    }

    /**
     * Runs {@code ops} as one transaction behind the epoch check. Throws {@link FencedException} when the
     * term has ended, and the transaction's own failure otherwise (a missing parent, say).
     */
    public void commit(List<CuratorOp> ops) throws Exception {
        FencedException already = fenced;
        if (already != null) {
            throw new FencedException(epoch.number(), already.getMessage(), already);
        }
        List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
        // first, so that its failure is the one ZooKeeper reports
        all.add(curator.transactionOp().check().withVersion(epoch.version()).forPath(epoch.path()));
        all.addAll(ops);
        long began = System.nanoTime();
        try {
            curator.transaction().forOperations(all);
            timed.accept(java.time.Duration.ofNanos(System.nanoTime() - began));
        } catch (KeeperException e) {
            if (checkFailed(e)) {
                throw fence(e);
            }
            throw e;
        }
    }

    private static boolean checkFailed(KeeperException e) {
        List<OpResult> results = e.getResults();
        if (results == null || results.isEmpty()) {
            // not a per-operation failure; the check is first, so BADVERSION or NONODE can only be it
            return e.code() == KeeperException.Code.BADVERSION;
        }
        return results.get(0) instanceof OpResult.ErrorResult r && r.getErr() != KeeperException.Code.OK.intValue();
    }

    private synchronized FencedException fence(KeeperException cause) {
        if (fenced != null) {
            return new FencedException(epoch.number(), fenced.getMessage(), cause);
        }
        String now = newer();
        FencedException e = new FencedException(epoch.number(), "this master's leadership epoch " + epoch.number()
                + " has ended (the epoch in ZooKeeper at " + epoch.path() + " is " + now
                + "): another master leads, and this write was refused", cause);
        fenced = e;
        LOG.errorf("%s; this master stops acting as the leader", e.getMessage());
        onFenced.accept(e);
        return e;
    }

    private String newer() {
        try {
            return LeaderEpoch.numberAt(curator, epoch.path()).map(String::valueOf).orElse("gone");
        } catch (RuntimeException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
