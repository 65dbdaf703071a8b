package dev.berth.core.state;

import dev.berth.core.access.AccessState;
import dev.berth.core.access.AccessStore;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.PrincipalRecord;
import dev.berth.core.json.BerthJson;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jboss.logging.Logger;

/**
 * The principals and the ACL in ZooKeeper: one znode, {@code <root>/access}, holding both as JSON, so a
 * change (a principal and its rules) lands whole. Every master keeps the latest in memory through a
 * Curator cache, so a standby that takes over authenticates at once. A change is a compare-and-set on
 * the znode's version, retried when another master changed it in between.
 *
 * <p>Unlike the registry and the state store, it is not fenced by the leader's epoch ({@link EpochFence}):
 * every master, a standby too, writes its bootstrap principals here before the election, and a change is
 * made from the latest state by its own compare-and-set, so a stale master cannot overwrite a newer one.
 */
public final class ZkAccessStore implements AccessStore, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ZkAccessStore.class);

    /** How the state is stored: plain lists, readable JSON. */
    record Stored(List<PrincipalRecord> principals, List<AclRule> rules) {
        Stored {
            principals = principals == null ? List.of() : principals;
            rules = rules == null ? List.of() : rules;
        }

        AccessState state() {
            return new AccessState(principals, rules);
        }

        static Stored of(AccessState s) {
            return new Stored(s.principals(), s.rules());
        }
    }

    private final CuratorFramework curator;
    private final String path;
    private final CuratorCache cache;
    private volatile AccessState current = AccessState.EMPTY;

    public ZkAccessStore(CuratorFramework curator, String root) {
        this.curator = curator;
        this.path = root + "/access";
        try {
            if (curator.checkExists().forPath(path) == null) {
                curator.create().creatingParentsIfNeeded().forPath(path, BerthJson.toBytes(Stored.of(AccessState.EMPTY)));
            }
            current = read(new Stat());
        } catch (KeeperException.NodeExistsException e) {
            current = read(new Stat());
        } catch (Exception e) {
            throw new ZkRegistry.StateException("cannot read the ACL at " + path + " in ZooKeeper", e);
        }
        this.cache = CuratorCache.build(curator, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder().forCreatesAndChanges((before, after) -> {
            try {
                current = BerthJson.fromBytes(after.getData(), Stored.class).state();
            } catch (RuntimeException e) {
                LOG.errorf("the ACL at %s cannot be read (%s); keeping the one before", path, e.getMessage());
            }
        }).build());
        cache.start();
    }

    private AccessState read(Stat stat) {
        try {
            return BerthJson.fromBytes(curator.getData().storingStatIn(stat).forPath(path), Stored.class).state();
        } catch (Exception e) {
            throw new ZkRegistry.StateException("cannot read the ACL at " + path + " in ZooKeeper", e);
        }
    }

    @Override
    public AccessState current() {
        return current;
    }

    @Override
    public synchronized AccessState update(UnaryOperator<AccessState> change) {
        for (int attempt = 0; ; attempt++) {
            Stat stat = new Stat();
            AccessState next = change.apply(read(stat));
            try {
                curator.setData().withVersion(stat.getVersion()).forPath(path, BerthJson.toBytes(Stored.of(next)));
                current = next;
                return next;
            } catch (KeeperException.BadVersionException e) {
                if (attempt >= 10) {
                    throw new ZkRegistry.StateException("the ACL kept changing under this write", e);
                }
            } catch (Exception e) {
                throw new ZkRegistry.StateException("cannot write the ACL at " + path + " to ZooKeeper", e);
            }
        }
    }

    @Override
    public void close() {
        cache.close();
    }
}
