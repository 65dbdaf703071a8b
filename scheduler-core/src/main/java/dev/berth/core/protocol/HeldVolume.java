package dev.berth.core.protocol;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.Role;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import java.util.Objects;

/**
 * A persistent volume an agent has on its disks, as it reports it when it registers: which disk, which
 * role, which persistence id. The master compares them with its ledger, so a volume destroyed while the
 * agent was away (or whose destroy command a failover lost) is removed when it is back.
 */
public record HeldVolume(DiskSource source, Role role, PersistenceId id) {
    public HeldVolume {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
    }

    /** The same identity for a volume of a ledger; empty role only for volumes on unreserved disk. */
    public static java.util.Optional<HeldVolume> of(Volume v) {
        return v.role().map(r -> new HeldVolume(v.source(), r, v.id()));
    }
}
