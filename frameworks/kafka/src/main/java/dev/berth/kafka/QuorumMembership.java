package dev.berth.kafka;

import java.util.Optional;

/**
 * Decides how a controller instance becomes a voter of a dynamic (KIP-853) quorum. A controller
 * formatted with {@code --no-initial-controllers} starts as an observer and stays one until it is
 * added; a controller replaced onto an empty volume comes back with a new directory id while the
 * voter set still names its old one, which must go first (a voter id can be in the set only once).
 *
 * <p>The answer depends only on what the quorum shows now, so asking again after a change that did
 * not finish (or finished between two asks) gives the next step, never a repeated one.
 */
public final class QuorumMembership {
    static final String JOINING = "joining the controller quorum";

    private QuorumMembership() {
    }

    public static VoterChange next(QuorumState quorum, int id) {
        Optional<QuorumState.Member> voter = quorum.voter(id);
        Optional<QuorumState.Member> observer = quorum.observer(id);
        if (voter.isPresent()) {
            QuorumState.Member v = voter.get();
            // Replace only a voter that has gone quiet for an observer that fetches now: an observer entry
            // lingers for minutes after its node left, and must never push out a live voter.
            if (v.directoryId().isPresent() && !v.caughtUp() && observer.isPresent() && observer.get().caughtUp()
                    && observer.get().directoryId().isPresent()
                    && !observer.get().directoryId().equals(v.directoryId())) {
                return VoterChange.replace(v.directoryId().get(), observer.get().directoryId().get());
            }
            if (!v.caughtUp()) {
                return VoterChange.waitFor("broker " + id + " is a voter of the controller quorum but not caught up with its leader "
                        + quorum.leaderId() + " yet");
            }
            return VoterChange.none();
        }
        if (observer.isEmpty()) {
            return VoterChange.waitFor("broker " + id + " does not fetch from the controller quorum yet");
        }
        if (!observer.get().caughtUp() || observer.get().directoryId().isEmpty()) {
            // Kafka refuses to add a voter that lags; adding one that stopped would only weaken the quorum.
            return VoterChange.waitFor("broker " + id + " is catching up with the controller quorum before joining it");
        }
        return VoterChange.add(observer.get().directoryId().get());
    }

    /**
     * What the quorum needs before the instance {@code id} leaves the service for good: nothing when it is
     * no voter (a broker only, or removed already), else its removal; a voter the quorum knows without a
     * directory id belongs to a static quorum, which cannot lose a voter.
     */
    public static VoterChange leave(QuorumState quorum, int id) {
        Optional<QuorumState.Member> voter = quorum.voter(id);
        if (voter.isEmpty()) {
            return VoterChange.none();
        }
        if (voter.get().directoryId().isEmpty()) {
            return VoterChange.waitFor("broker " + id + " is a voter of a static controller quorum (kraft.version 0),"
                    + " which cannot remove a voter; it cannot leave");
        }
        return VoterChange.remove(id, voter.get().directoryId().get());
    }
}
