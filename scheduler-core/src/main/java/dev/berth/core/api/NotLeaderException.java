package dev.berth.core.api;

import java.util.Optional;

/** This master is a standby: the caller should go to the leader, when one is known. */
public class NotLeaderException extends RuntimeException {
    private final Optional<String> leader;

    /** @param cannotLead why this master cannot lead, when it tried and failed */
    public NotLeaderException(Optional<String> leader, Optional<String> cannotLead) {
        super("this master is not the leader" + leader.map(l -> "; the leader is " + l).orElse("; no leader is elected yet")
                + cannotLead.map(why -> "; this master cannot lead: " + why).orElse(""));
        this.leader = leader;
    }

    public Optional<String> leader() {
        return leader;
    }
}
