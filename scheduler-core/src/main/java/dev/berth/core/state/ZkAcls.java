package dev.berth.core.state;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.jboss.logging.Logger;

/**
 * Closes znodes of a cluster that any ZooKeeper client may read or change (their ACL names the
 * {@code world} scheme): a cluster whose state was written before Berth protected its znodes keeps them
 * open otherwise, secrets included. Each becomes the masters' alone ({@code CREATOR_ALL}, the digest
 * identity of the client doing this). Run by a new leader; once a pass found every znode closed it leaves the
 * marker {@code ROOT/acls-closed}, and later takeovers skip the walk (two reads per znode, seconds on a loaded
 * ensemble, all of it in the failover time): every znode Berth creates is closed from the start.
 */
public final class ZkAcls {
    private static final Logger LOG = Logger.getLogger(ZkAcls.class);
    static final String MARKER = "acls-closed";

    private ZkAcls() {
    }

    /** Closes every open znode under {@code root} (root included); answers how many it closed. */
    public static int closeOpen(CuratorFramework curator, String root) {
        try {
            // the marker first: once it is there (every takeover but the first) this is one round trip
            String marker = ZKPaths.makePath(root, MARKER);
            if (curator.checkExists().forPath(marker) != null || curator.checkExists().forPath(root) == null) {
                return 0;
            }
            int closed = close(curator, root);
            curator.create().orSetData().forPath(marker);
            if (closed > 0) {
                LOG.warnf("%d znodes under %s were open to every ZooKeeper client (written before Berth protected its"
                        + " state); they are now the masters' alone", closed, root);
            }
            return closed;
        } catch (Exception e) {
            throw new ZkRegistry.StateException("cannot close the znodes under " + root, e);
        }
    }

    private static int close(CuratorFramework curator, String path) throws Exception {
        int closed = 0;
        List<ACL> acl = curator.getACL().forPath(path);
        if (acl.stream().anyMatch(a -> "world".equals(a.getId().getScheme()))) {
            curator.setACL().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath(path);
            closed++;
        }
        for (String child : curator.getChildren().forPath(path)) {
            closed += close(curator, ZKPaths.makePath(path, child));
        }
        return closed;
    }
}
