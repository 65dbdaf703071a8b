package dev.berth.core.agent;

import org.jboss.logging.Logger;

/**
 * The newest leadership epoch this agent has heard from a master, kept in its checkpoint. Every answer of
 * a master carries the epoch it leads in; an answer of an older epoch than the newest comes from a deposed
 * leader (paused by GC or cut off by a partition, not yet aware that another master leads), and the agent
 * acts on none of it. Kept durably so that an agent restarted meanwhile still refuses the old leader.
 */
final class MasterEpochs {
    private static final Logger LOG = Logger.getLogger(MasterEpochs.class);

    private final AgentCheckpoint checkpoint;
    private final String agentName;
    private long newest;
    /** The latest refusal logged at WARN, so a master that keeps answering stale is named once, not every poll. */
    private String lastWarned;

    MasterEpochs(AgentCheckpoint checkpoint, String agentName) {
        this.checkpoint = checkpoint;
        this.agentName = agentName;
        this.newest = checkpoint.masterEpoch();
    }

    /**
     * Whether the agent may act on {@code what}, answered by {@code master} in {@code epoch}: not when an
     * older epoch (WARN, naming both). A newer epoch is checkpointed before this returns, that is before
     * anything of the new term is carried out.
     */
    synchronized boolean admit(long epoch, String what, String master) {
        if (epoch < newest) {
            String warning = String.format("agent %s ignores %s from %s: leadership epoch %d is older than %d, the newest"
                    + " this agent has heard from (a deposed master, or a cluster whose ZooKeeper state was wiped)", agentName, what, master, epoch, newest);
            if (warning.equals(lastWarned)) {
                LOG.debug(warning);
            } else {
                LOG.warn(warning);
                lastWarned = warning;
            }
            return false;
        }
        if (epoch > newest) {
            checkpoint.saveMasterEpoch(epoch);
            newest = epoch;
            lastWarned = null;
        }
        return true;
    }

    synchronized long newest() {
        return newest;
    }
}
