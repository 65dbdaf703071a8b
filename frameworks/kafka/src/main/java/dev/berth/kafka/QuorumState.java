package dev.berth.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The KRaft metadata quorum as its leader describes it: who leads, the voters, and the observers
 * (brokers, and controllers not yet voters). A node is known by its id and the directory id of its
 * metadata log, which changes when the node starts on an empty volume.
 */
public record QuorumState(int leaderId, List<Member> voters, List<Member> observers) {
    public QuorumState {
        voters = List.copyOf(voters);
        observers = List.copyOf(observers);
    }

    /**
     * A voter or observer. {@code directoryId} is empty when the quorum does not know it (a static
     * quorum); {@code caughtUp} says whether it fetched up to the leader's log end lately.
     */
    public record Member(int id, Optional<String> directoryId, boolean caughtUp, long lastFetchMs) {
    }

    public Optional<Member> voter(int id) {
        return voters.stream().filter(m -> m.id() == id).findFirst();
    }

    /**
     * The running observer with this id. The leader keeps an observer it has not heard from for a
     * few minutes, so a node that restarted on a new volume may show twice: the latest fetch wins.
     */
    public Optional<Member> observer(int id) {
        return observers.stream().filter(m -> m.id() == id).max(Comparator.comparingLong(Member::lastFetchMs));
    }

    public List<Integer> voterIds() {
        return voters.stream().map(Member::id).sorted().toList();
    }

    /**
     * Whether a replica fetched up to the leader's log end within {@code maxLagMs}. The leader reports
     * its own entry with its current time, so comparing with that needs no clock of ours.
     */
    public static boolean caughtUp(boolean isLeader, long lastCaughtUpMs, long leaderNowMs, long maxLagMs) {
        return isLeader || (lastCaughtUpMs > 0 && lastCaughtUpMs >= leaderNowMs - maxLagMs);
    }
}
