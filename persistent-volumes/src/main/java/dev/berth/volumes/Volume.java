package dev.berth.volumes;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Reservation;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import dev.berth.reservations.Role;
import dev.berth.reservations.Scalar;
import java.util.Objects;
import java.util.Optional;

/**
 * A persistent volume: a piece of reserved disk with a name ({@link PersistenceId}) that a task sees
 * at {@link ContainerPath} in {@link VolumeMode}, and that outlives the task.
 *
 * <p>{@code disk} is the disk resource the volume is carved from, exactly as it sits in the agent's
 * ledger: its amount (the volume's size in MiB), its reservation (role, principal, labels with the
 * resource id) and its {@link DiskSource}. Keeping the whole resource rather than a role and a size
 * means the volume names the very reservation bucket it takes from, so a CREATE can be checked and
 * a DESTROY gives the disk back to that bucket, never to another.
 *
 * <p>The record accepts a disk without a reservation so that a framework's mistake reaches
 * {@link VolumeLedger#create} and is refused there with a typed reason, rather than failing earlier
 * as a plain argument error. A disk resource, with a positive amount, is required.
 */
public record Volume(PersistenceId id, ContainerPath containerPath, VolumeMode mode, Resource disk) {

    public Volume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(containerPath, "containerPath");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(disk, "disk");
        if (!disk.name().equals(Resource.DISK)) {
            throw new InvalidResourceException("volume " + id + " resource", disk.toString(),
                    "a disk resource such as disk(role,principal):500");
        }
        if (disk.value().isEmpty()) {
            throw new InvalidResourceException("volume " + id + " size", disk.toString(), "more than 0 MiB of disk");
        }
    }

    public static Volume of(String id, String containerPath, VolumeMode mode, Resource disk) {
        return new Volume(PersistenceId.of(id), ContainerPath.of(containerPath), mode, disk);
    }

    /** The reservation the disk comes from; empty for a disk that is not reserved (CREATE refuses it). */
    public Optional<Reservation> reservation() {
        return disk.reservation();
    }

    /** The role the disk is reserved for; empty when it is not reserved. */
    public Optional<Role> role() {
        return disk.reservation().map(Reservation::role);
    }

    /** Size in MiB. */
    public Scalar size() {
        return (Scalar) disk.value();
    }

    /** Which disk of the agent: its work dir (ROOT), a PATH or a MOUNT disk. */
    public DiskSource source() {
        return disk.source();
    }

    /** The disk as a bag, the form the {@link dev.berth.reservations.AgentLedger} claims and frees. */
    public Resources resources() {
        return Resources.of(disk);
    }

    /** {@code volume data-0 (rw at data, disk(db/kafka,kafka,{resource_id=r1}):500 MiB)}. */
    @Override
    public String toString() {
        return "volume " + id + " (" + mode + " at " + containerPath + ", " + disk + " MiB)";
    }
}
