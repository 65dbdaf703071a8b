package dev.berth.kafka;

import dev.berth.core.sdk.hooks.HostPort;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.VoterNotFoundException;

/**
 * Carries out a {@link VoterChange} with the controllers' Admin. Kafka allows one voter change at a
 * time and answers "timed out" while another is uncommitted, or while the new voter is still catching
 * up; a voter already added or already removed comes back as an error too. None of these is a failure
 * here: the next ask reads the quorum again and {@link QuorumMembership} picks the step still to do.
 */
final class VoterChanges {
    /** The listener controllers talk on; server.properties must name it so. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private VoterChanges() {
    }

    /** Empty once the instance is a caught-up voter; else what it waits for. */
    static Optional<String> apply(Admin controllers, Duration timeout, int id, VoterChange change, HostPort controllerAddress) {
        if (change.kind() == VoterChange.Kind.NONE || change.kind() == VoterChange.Kind.WAIT) {
            return change.reason();
        }
        try {
            if (change.remove().isPresent()) {
                try {
                    KafkaAdmins.await(controllers.removeRaftVoter(id, Uuid.fromString(change.remove().get())).all(), timeout);
                } catch (VoterNotFoundException alreadyGone) {
                    // removed by an earlier ask whose answer we did not see: go on with the add
                }
            }
            RaftVoterEndpoint endpoint = new RaftVoterEndpoint(CONTROLLER_LISTENER, controllerAddress.host(), controllerAddress.port());
            KafkaAdmins.await(controllers.addRaftVoter(id, Uuid.fromString(change.add().orElseThrow()), Set.of(endpoint)).all(), timeout);
        } catch (DuplicateVoterException | TimeoutException pending) {
            // already a voter, or a change still committing: the next ask sees which
        } catch (UnsupportedVersionException e) {
            return Optional.of("the controller quorum is static (kraft.version 0) and cannot take broker " + id
                    + " as a voter: " + e.getMessage());
        }
        return change.reason();
    }

    /**
     * Carries out a {@link QuorumMembership#leave} change: empty once the instance is no voter; else what it
     * waits for (its removal asked, or why it cannot be).
     */
    static Optional<String> leave(Admin controllers, Duration timeout, int id, VoterChange change) {
        if (change.kind() != VoterChange.Kind.REMOVE) {
            return change.reason();
        }
        try {
            KafkaAdmins.await(controllers.removeRaftVoter(id, Uuid.fromString(change.remove().orElseThrow())).all(), timeout);
        } catch (VoterNotFoundException | TimeoutException alreadyGoneOrPending) {
            // removed by an earlier ask whose answer we did not see, or a change still committing: the next ask sees which
        }
        return change.reason();
    }
}
