package dev.berth.core.state;

import java.io.IOException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.jboss.logging.Logger;

/**
 * Leader election among masters through Curator's leader latch. Each master joins with its own API
 * URL as participant id, so agents and CLIs that reach a standby can be told where the leader is.
 */
public final class MasterElection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MasterElection.class);

    /** What a master does when it wins or loses the lead. */
    public interface Listener {
        void elected();

        void deposed();
    }

    private final CuratorFramework curator;
    private final String path;
    private final String url;
    private final LeaderLatchListener events;
    private volatile LeaderLatch latch;
    private boolean closed;
    /** Whether this master left the election (its latch is closed) and has not joined it again. */
    private boolean out;

    public MasterElection(CuratorFramework curator, String root, String url, Listener listener) {
        this.curator = curator;
        this.path = root + "/leader";
        this.url = url;
        this.events = new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.infof("master %s is the leader", url);
                listener.elected();
            }

            @Override
            public void notLeader() {
                LOG.infof("master %s lost the lead", url);
                listener.deposed();
            }
        };
        this.latch = newLatch();
    }

    private LeaderLatch newLatch() {
        LeaderLatch l = new LeaderLatch(curator, path, url);
        l.addListener(events);
        return l;
    }

    public void start() throws Exception {
        latch.start();
    }

    /**
     * Leaves the election and joins it again at the back: a master that found its term ended (its writes
     * were fenced) must not go on holding the latch. Closing the latch tells no listener; the caller has
     * stood down already.
     */
    public synchronized void rejoin() throws Exception {
        leave();
        join();
    }

    /**
     * Leaves the election until {@link #join}: the latch's znode goes, so another master can win while this
     * one cannot lead (its takeover failed). Closing the latch tells no listener; the caller has stood down.
     */
    public synchronized void leave() throws IOException {
        if (closed || out) {
            return;
        }
        out = true;
        latch.close();
        LOG.infof("master %s left the election", url);
    }

    /** Joins the election again at the back, after {@link #leave}; nothing when it is in it or closed. */
    public synchronized void join() throws Exception {
        if (closed || !out) {
            return;
        }
        latch = newLatch();
        out = false;
        latch.start();
        LOG.infof("master %s joined the election again", url);
    }

    public boolean isLeader() {
        return latch.hasLeadership();
    }

    /** The URL of the leading master, when there is one. */
    public Optional<String> leaderUrl() {
        try {
            Participant leader = latch.getLeader();
            return leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (!out) {
            latch.close();
        }
    }

}
