package dev.berth.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Caller;
import dev.berth.reservations.DiskSource;
import dev.berth.reservations.OperationRefusedException;
import dev.berth.reservations.OperationRefusedException.Reason;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Scalar;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One agent with a ROOT, a MOUNT and a PATH disk, two frameworks, and helpers to build volumes. */
final class Fixtures {
    static final Caller KAFKA = Caller.of("kafka-principal", "db/kafka");
    static final Caller CASSANDRA = Caller.of("cassandra-principal", "db/cassandra");
    static final DiskSource MOUNT = DiskSource.mount("/mnt/d1");
    static final DiskSource PATH = DiskSource.path("/srv/d2");

    static final AgentLedger AGENT = AgentLedger.of("agent-1",
            Resources.parse("cpus:4;mem:8192;disk:10000;disk[mount:/mnt/d1]:2000;disk[path:/srv/d2]:3000"));

    /**
     * Kafka reserved 1000 MiB of ROOT disk and the whole MOUNT disk as r1 and 3000 MiB of the PATH
     * disk as r3; Cassandra reserved 500 MiB of ROOT disk as c1.
     */
    static final AgentLedger RESERVED = AGENT
            .reserve(KAFKA, Resources.of(disk(KAFKA, "r1", "1000"), disk(KAFKA, "r1", "2000", MOUNT),
                    disk(KAFKA, "r3", "3000", PATH)))
            .reserve(CASSANDRA, Resources.of(disk(CASSANDRA, "c1", "500")));

    private Fixtures() {
    }

    static Resource disk(Caller owner, String resourceId, String mib) {
        return disk(owner, resourceId, mib, DiskSource.ROOT);
    }

    static Resource disk(Caller owner, String resourceId, String mib, DiskSource source) {
        return new Resource(Resource.DISK, Scalar.parse("disk", mib),
                Optional.of(Reservation.of(owner.role(), owner.principal(), resourceId)), source);
    }

    static Volume volume(String id, Resource disk) {
        return Volume.of(id, "data", VolumeMode.RW, disk);
    }

    static OperationRefusedException assertRefused(ThrowingCallable call, Reason reason, String... messageParts) {
        OperationRefusedException refused = catchThrowableOfType(OperationRefusedException.class, call);
        assertThat(refused).as("expected a refusal (%s)", reason).isNotNull();
        assertThat(refused.reason()).as(refused.getMessage()).isEqualTo(reason);
        assertThat(refused.getMessage()).contains(messageParts);
        return refused;
    }
}
