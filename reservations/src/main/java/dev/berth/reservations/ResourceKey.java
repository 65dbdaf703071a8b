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
            .comparingInt((ResourceKey k) -> rank(k.name))
            .thenComparing(ResourceKey::name)
            .thenComparing(k -> k.reservation.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ResourceKey::source);

    /** The place of a well-known name; any other name after them. */
    private static int rank(String name) {
        return switch (name) {
            case Resource.CPUS -> 0;
            case Resource.MEM -> 1;
            case Resource.DISK -> 2;
            case Resource.GPUS -> 3;
            case Resource.PORTS -> 4;
            default -> KNOWN.size();
        };
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    /** The bucket as the resource text writes it, without an amount: {@code disk[path:/d](role,principal,{resource_id=r1})}. */
    @Override
    public String toString() {
        return name + source + reservation.map(r -> "(" + r + ")").orElse("");
    }
}
