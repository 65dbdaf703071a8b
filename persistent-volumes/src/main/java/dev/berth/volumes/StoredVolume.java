package dev.berth.volumes;

import dev.berth.reservations.DiskSource;
import dev.berth.reservations.Role;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * A volume directory found on an agent's disks by {@link VolumeStore#list()}: what can be known from
 * the directory layout alone (which disk, which role, which persistence id, where). The agent
 * matches these against its checkpointed volumes after a restart; sizes and modes are not on disk.
 */
public record StoredVolume(DiskSource source, Role role, PersistenceId id, Path path)
        implements Comparable<StoredVolume> {
    private static final Comparator<StoredVolume> ORDER = Comparator.comparing(StoredVolume::source)
            .thenComparing(StoredVolume::role).thenComparing(StoredVolume::id);

    public StoredVolume {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
    }

    /** True when {@code volume} is this directory's volume: same disk, role and persistence id. */
    public boolean isOf(Volume volume) {
        return volume.id().equals(id) && volume.source().equals(source) && volume.role().filter(role::equals).isPresent();
    }

    @Override
    public int compareTo(StoredVolume other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "volume " + id + " of role " + role + " at " + path;
    }
}
