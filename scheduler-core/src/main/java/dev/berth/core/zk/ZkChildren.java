package dev.berth.core.zk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Reads the data of every child of a znode with all reads in flight at once (Curator's background calls,
 * pipelined on one connection): a new leader reads its registry and each service's state this way, so a
 * failover costs one round trip per directory rather than one per znode.
 */
public final class ZkChildren {
    /** Bounds one directory's reads; a ZooKeeper that does not answer fails the takeover, which is retried. */
    private static final long TIMEOUT_SECONDS = 30;

    private ZkChildren() {
    }

    /**
     * Child name → data, sorted by name; empty when {@code path} does not exist. A child deleted between the
     * listing and its read is left out.
     *
     * @throws KeeperException the first error of a read, naming its znode
     */
    public static Map<String, byte[]> read(CuratorFramework curator, String path) throws Exception {
        List<String> children;
        try {
            children = curator.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException absent) {
            return new TreeMap<>(); // one round trip where an exists check first would take two
        }
        Map<String, byte[]> out = new TreeMap<>();
        CountDownLatch done = new CountDownLatch(children.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (String child : children) {
            String at = ZKPaths.makePath(path, child);
            curator.getData().inBackground((client, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK) {
                    synchronized (out) {
                        out.put(child, event.getData());
                    }
                } else if (code != KeeperException.Code.NONODE) {
                    failure.compareAndSet(null, KeeperException.create(code, at));
                }
                done.countDown();
            }).forPath(at);
        }
        if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("ZooKeeper did not answer the reads under " + path + " within "
                    + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        synchronized (out) {
            return out;
        }
    }
}
