package dev.berth.core.state;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.jboss.logging.Logger;

/**
 * Leader election among masters through Curator's leader latch. Each master joins with its own API
 * URL as participant id, so agents and CLIs that reach a standby can be told where the leader is.
 *
 * <p>Who leads is read from ZooKeeper in the background (every {@link #LEADER_REFRESH} and at each change of
 * this master's lead) and kept, so answering a caller never waits on ZooKeeper: a standby cut off from the
 * ensemble still answers at once (with the leader it last knew), where a read on the caller's thread would
 * block the HTTP event loop for the ZooKeeper connection timeout.
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
    static final Duration LEADER_REFRESH = Duration.ofMillis(500);

    private final LeaderLatchListener events;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-leader-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<String> leaderUrl = Optional.empty();
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
                leaderUrl = Optional.of(url);
                listener.elected();
            }

            @Override
            public void notLeader() {
                LOG.infof("master %s lost the lead", url);
                leaderUrl = Optional.empty();
                refreshSoon();
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
        refresher.scheduleWithFixedDelay(this::refresh, 0, LEADER_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refreshSoon() {
        try {
            refresher.execute(this::refresh);
        } catch (RejectedExecutionException closed) {
            // closing
        }
    }

    /** Reads who leads from ZooKeeper; keeps what it knew when ZooKeeper does not answer. */
    private void refresh() {
        try {
            Participant leader = latch.getLeader();
            leaderUrl = leader.isLeader() ? Optional.of(leader.getId()) : Optional.empty();
        } catch (Exception e) {
            LOG.debugf("master %s could not read who leads: %s", url, e.getMessage());
        }
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

    /**
     * The URL of the leading master, when there is one, as last read from ZooKeeper (at most
     * {@link #LEADER_REFRESH} old while ZooKeeper answers); never waits.
     */
    public Optional<String> leaderUrl() {
        return leaderUrl;
    }

    @Override
    public synchronized void close() throws IOException {
        refresher.shutdownNow();
        closed = true;
        if (!out) {
            latch.close();
        }
    }

}
