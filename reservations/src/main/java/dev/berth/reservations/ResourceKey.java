package dev.berth.reservations;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bucket a resource counts in: name, reservation and disk source. Two resources with the same
 * key add up; different keys never mix (reserved cpus are not unreserved cpus).
 */
public record ResourceKey(String name, Optional<Reservation> reservation, DiskSource source)
        implements Comparable<ResourceKey> {
    private static final List<String> KNOWN = List.of(
            Resource.CPUS, Resource.MEM, Resource.DISK, Resource.GPUS, Resource.PORTS);

    /** Well-known names first in their usual order, unreserved before reserved, so text reads naturally. */
    private static final Comparator<ResourceKey> ORDER = Comparator
            .comparingInt((ResourceKey k) -> KNOWN.contains(k.name) ? KNOWN.indexOf(k.name) : KNOWN.size())
            .thenComparing(ResourceKey::name)
            .thenComparing(k -> k.reservation.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ResourceKey::source);

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }
}
