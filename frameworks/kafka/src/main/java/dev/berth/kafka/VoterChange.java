package dev.berth.kafka;

import java.util.Optional;

/**
 * What the quorum needs so that a controller instance is one of its voters. {@code remove} names the
 * directory of a stale voter with the instance's id (its old, lost volume), {@code add} the directory
 * of the running instance; {@code reason} is what a waiting step shows, empty when nothing is needed.
 */
public record VoterChange(Kind kind, Optional<String> remove, Optional<String> add, Optional<String> reason) {
    public enum Kind {
        /** A caught-up voter already: nothing to do. */
        NONE,
        /** Not something this hook can change now: wait (not fetching yet, or catching up). */
        WAIT,
        /** An observer that should become a voter. */
        ADD,
        /** A voter with the same id but another directory: remove that one, then add the running one. */
        REPLACE,
        /** A voter that leaves the service (a scale-down): remove it, add nothing. */
        REMOVE
    }

    static VoterChange none() {
        return new VoterChange(Kind.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static VoterChange waitFor(String reason) {
        return new VoterChange(Kind.WAIT, Optional.empty(), Optional.empty(), Optional.of(reason));
    }

    static VoterChange add(String directory) {
        return new VoterChange(Kind.ADD, Optional.empty(), Optional.of(directory), Optional.of(QuorumMembership.JOINING));
    }

    static VoterChange remove(int id, String directory) {
        return new VoterChange(Kind.REMOVE, Optional.of(directory), Optional.empty(),
                Optional.of("removing broker " + id + " from the controller quorum before it leaves"));
    }

    static VoterChange replace(String oldDirectory, String newDirectory) {
        return new VoterChange(Kind.REPLACE, Optional.of(oldDirectory), Optional.of(newDirectory),
                Optional.of(QuorumMembership.JOINING));
    }
}
