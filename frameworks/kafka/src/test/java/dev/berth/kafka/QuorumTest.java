package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a controller instance becomes a voter, and when a voter may stop. */
class QuorumTest {
    static QuorumState.Member live(int id, String dir) {
        return new QuorumState.Member(id, Optional.of(dir), true, 1000);
    }

    static QuorumState.Member quiet(int id, String dir) {
        return new QuorumState.Member(id, Optional.of(dir), false, 10);
    }

    @Test
    void aCaughtUpVoterNeedsNothing() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1")), List.of(live(3, "d3")));
        assertThat(QuorumMembership.next(q, 1)).isEqualTo(VoterChange.none());
    }

    @Test
    void anObserverIsAddedWithItsDirectory() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0")), List.of(live(1, "d1"), live(3, "d3")));
        VoterChange c = QuorumMembership.next(q, 1);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.ADD);
        assertThat(c.add()).contains("d1");
        assertThat(c.remove()).isEmpty();
        assertThat(c.reason()).contains("joining the controller quorum");
    }

    @Test
    void aReplacedVoterIsRemovedThenItsNewDirectoryAdded() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), quiet(2, "old")), List.of(live(2, "new")));
        VoterChange c = QuorumMembership.next(q, 2);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.REPLACE);
        assertThat(c.remove()).contains("old");
        assertThat(c.add()).contains("new");
    }

    @Test
    void onceTheOldVoterIsGoneTheNextAskAddsTheNewOne() {
        QuorumState afterRemove = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1")), List.of(live(2, "new")));
        VoterChange c = QuorumMembership.next(afterRemove, 2);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.ADD);
        assertThat(c.add()).contains("new");
        QuorumState afterAdd = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), live(2, "new")), List.of());
        assertThat(QuorumMembership.next(afterAdd, 2).kind()).isEqualTo(VoterChange.Kind.NONE);
    }

    @Test
    void aLingeringObserverNeverPushesOutALiveVoter() {
        // the leader keeps an observer entry for minutes after its node went away
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(2, "current")), List.of(quiet(2, "earlier")));
        assertThat(QuorumMembership.next(q, 2).kind()).isEqualTo(VoterChange.Kind.NONE);
    }

    @Test
    void aVoterThatStillFetchesIsNotReplacedEvenByAFetchingNamesake() {
        // the old instance came back (its agent returned) while a replacement runs: never remove a live voter
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(2, "old")), List.of(live(2, "new")));
        assertThat(QuorumMembership.next(q, 2).kind()).isEqualTo(VoterChange.Kind.NONE);
    }

    @Test
    void theLatestObserverEntryOfAnIdIsTheRunningOne() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0")),
                List.of(new QuorumState.Member(1, Optional.of("stale"), false, 5), live(1, "running")));
        assertThat(QuorumMembership.next(q, 1).add()).contains("running");
    }

    @Test
    void waitsForAnObserverThatIsNotCaughtUpOrNotThereYet() {
        QuorumState lagging = new QuorumState(0, List.of(live(0, "d0")), List.of(quiet(1, "d1")));
        assertThat(QuorumMembership.next(lagging, 1).kind()).isEqualTo(VoterChange.Kind.WAIT);
        assertThat(QuorumMembership.next(lagging, 1).reason())
                .contains("broker 1 is catching up with the controller quorum before joining it");
        QuorumState absent = new QuorumState(0, List.of(live(0, "d0")), List.of());
        assertThat(QuorumMembership.next(absent, 1).reason()).contains("broker 1 does not fetch from the controller quorum yet");
    }

    @Test
    void aVoterThatLagsIsNotReadyYetButNotReplacedWithoutANewObserver() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), quiet(1, "d1")), List.of());
        VoterChange c = QuorumMembership.next(q, 1);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.WAIT);
        assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("not caught up with its leader 0"));
    }

    @Test
    void aVoterMayStopWhileTheCaughtUpOthersStillFormAMajority() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), live(2, "d2")), List.of());
        assertThat(QuorumMajorityCheck.stopBlocked(q, 1)).isEmpty();
        assertThat(QuorumMajorityCheck.stopBlocked(q, 0)).isEmpty();
    }

    @Test
    void aVoterMayNotStopWhenAnotherIsBehind() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), quiet(2, "d2")), List.of());
        assertThat(QuorumMajorityCheck.stopBlocked(q, 1)).contains("stopping broker 1 would leave the controller quorum "
                + "without a majority: besides it only [0] of the voters [0, 1, 2] are caught up with the leader (2 needed)");
        // the one that is behind may stop: the two others still commit
        assertThat(QuorumMajorityCheck.stopBlocked(q, 2)).isEmpty();
    }

    @Test
    void aSingleVoterCanNeverStopWithoutLosingTheQuorumButANonVoterAlways() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0")), List.of(live(3, "d3")));
        assertThat(QuorumMajorityCheck.stopBlocked(q, 0)).isPresent();
        assertThat(QuorumMajorityCheck.stopBlocked(q, 3)).isEmpty();
    }

    @Test
    void caughtUpIsMeasuredAgainstTheLeadersOwnClock() {
        assertThat(QuorumState.caughtUp(false, 96_000, 100_000, 5000)).isTrue();
        assertThat(QuorumState.caughtUp(false, 94_000, 100_000, 5000)).isFalse();
        assertThat(QuorumState.caughtUp(false, -1, 100_000, 5000)).isFalse();
        assertThat(QuorumState.caughtUp(true, -1, 100_000, 5000)).isTrue();
    }

    @Test
    void aLeavingVoterIsRemovedByItsDirectoryAndABrokerOnlyOrOneRemovedAlreadyNeedsNothing() {
        QuorumState q = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), live(2, "d2"), live(3, "d3")),
                List.of(live(4, "d4")));
        VoterChange c = QuorumMembership.leave(q, 3);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.REMOVE);
        assertThat(c.remove()).contains("d3");
        assertThat(c.add()).isEmpty();
        assertThat(c.reason()).contains("removing broker 3 from the controller quorum before it leaves");
        assertThat(QuorumMembership.leave(q, 4)).isEqualTo(VoterChange.none());
        QuorumState removed = new QuorumState(0, List.of(live(0, "d0"), live(1, "d1"), live(2, "d2")), List.of(live(3, "d3")));
        assertThat(QuorumMembership.leave(removed, 3)).isEqualTo(VoterChange.none());
    }

    @Test
    void aVoterOfAStaticQuorumCannotLeave() {
        QuorumState q = new QuorumState(0, List.of(new QuorumState.Member(3, Optional.empty(), true, 1000)), List.of());
        VoterChange c = QuorumMembership.leave(q, 3);
        assertThat(c.kind()).isEqualTo(VoterChange.Kind.WAIT);
        assertThat(c.reason()).get().asString().contains("static controller quorum");
    }
}
