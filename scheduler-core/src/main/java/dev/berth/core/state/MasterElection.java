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

    private final LeaderLatch latch;

    public MasterElection(CuratorFramework curator, String root, String url, Listener listener) {
        this.latch = new LeaderLatch(curator, root + "/leader", url);
        latch.addListener(new LeaderLatchListener() {
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
        });
    }

    public void start() throws Exception {
        latch.start();
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
    public void close() throws IOException {
        latch.close();
    }

}
