package dev.berth.kafka;

import java.util.List;
import java.util.Optional;

/**
 * Whether a voter may stop without the metadata quorum losing its majority: the other voters that are
 * caught up with the leader must still be more than half of the whole voter set (the stopped one still
 * counts in it), or the controllers can neither commit nor elect a leader until it is back.
 */
public final class QuorumMajorityCheck {
    private QuorumMajorityCheck() {
    }

    public static Optional<String> stopBlocked(QuorumState quorum, int id) {
        if (quorum.voter(id).isEmpty()) {
            return Optional.empty();
        }
        List<Integer> others = quorum.voters().stream().filter(m -> m.id() != id && m.caughtUp())
                .map(QuorumState.Member::id).sorted().toList();
        int majority = quorum.voters().size() / 2 + 1;
        if (others.size() >= majority) {
            return Optional.empty();
        }
        return Optional.of("stopping broker " + id + " would leave the controller quorum without a majority: besides it only "
                + others + " of the voters " + quorum.voterIds() + " are caught up with the leader (" + majority + " needed)");
    }
}
