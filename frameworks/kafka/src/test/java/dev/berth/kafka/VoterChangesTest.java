package dev.berth.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.HostPort;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.junit.jupiter.api.Test;

/** Voter changes go to the controllers in the right order, and asking again after a partial one is harmless. */
class VoterChangesTest {
    final String oldDir = Uuid.randomUuid().toString();
    final String newDir = Uuid.randomUuid().toString();
    final HostPort address = new HostPort("127.0.0.4", 31001);
    final FakeAdmin fake = new FakeAdmin();

    Optional<String> apply(VoterChange change) {
        return VoterChanges.apply(fake.admin(), Duration.ofSeconds(1), 2, change, address);
    }

    @Test
    void aReplacedVoterIsRemovedBeforeTheNewDirectoryIsAddedOnTheControllerListener() {
        assertThat(apply(VoterChange.replace(oldDir, newDir))).contains("joining the controller quorum");
        assertThat(fake.calls).containsExactly("remove 2 " + oldDir,
                "add 2 " + newDir + " [CONTROLLER://127.0.0.4:31001]");
    }

    @Test
    void anOldVoterAlreadyGoneDoesNotStopTheAdd() {
        fake.errors.put("remove", new VoterNotFoundException("not a voter"));
        apply(VoterChange.replace(oldDir, newDir));
        assertThat(fake.calls).hasSize(2).last().asString().startsWith("add 2 " + newDir);
    }

    @Test
    void aRemovalStillCommittingLeavesTheAddForTheNextAsk() {
        fake.errors.put("remove", new TimeoutException("previous voter change not committed"));
        assertThat(apply(VoterChange.replace(oldDir, newDir))).contains("joining the controller quorum");
        assertThat(fake.calls).containsExactly("remove 2 " + oldDir);
    }

    @Test
    void anAddThatAlreadyHappenedOrIsPendingIsNoFailure() {
        fake.errors.put("add", new DuplicateVoterException("already a voter"));
        assertThat(apply(VoterChange.add(newDir))).contains("joining the controller quorum");
        fake.errors.put("add", new TimeoutException("catching up"));
        assertThat(apply(VoterChange.add(newDir))).contains("joining the controller quorum");
        assertThat(fake.calls).hasSize(2);
    }

    @Test
    void aStaticQuorumSaysWhyItCannotGrow() {
        fake.errors.put("add", new UnsupportedVersionException("kraft.version is 0"));
        assertThat(apply(VoterChange.add(newDir))).hasValueSatisfying(r ->
                assertThat(r).startsWith("the controller quorum is static (kraft.version 0) and cannot take broker 2 as a voter"));
    }

    @Test
    void nothingIsSentWhenNothingIsNeededOrTheInstanceMustWait() {
        assertThat(apply(VoterChange.none())).isEmpty();
        assertThat(apply(VoterChange.waitFor("broker 2 does not fetch from the controller quorum yet")))
                .contains("broker 2 does not fetch from the controller quorum yet");
        assertThat(fake.calls).isEmpty();
    }
}
