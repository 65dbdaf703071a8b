package dev.berth.reservations;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One resource: a name ({@code cpus}, {@code mem}, {@code disk}, {@code gpus}, {@code ports} or a
 * custom name), its amount, its reservation (none for the unreserved pool) and, for disk, its source.
 */
public record Resource(String name, ResourceValue value, Optional<Reservation> reservation, DiskSource source) {
    public static final String CPUS = "cpus";
    public static final String MEM = "mem";
    public static final String DISK = "disk";
    public static final String GPUS = "gpus";
    public static final String PORTS = "ports";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_\\-]*");
    private static final java.util.Set<String> KNOWN_NAMES = java.util.Set.of(CPUS, MEM, DISK, GPUS, PORTS);

    public Resource {
        Objects.requireNonNull(value, "value");
        reservation = reservation == null ? Optional.empty() : reservation;
        source = source == null ? DiskSource.ROOT : source;
        // the well-known names skip the pattern: resources are made on every ledger and offer change
        if (name == null || !(KNOWN_NAMES.contains(name) || NAME.matcher(name).matches())) {
            throw new InvalidResourceException("resource name", String.valueOf(name),
                    "lower-case letters, digits, '_' and '-', starting with a letter (cpus, mem, disk, gpus, ports)");
        }
        boolean scalarName = name.equals(CPUS) || name.equals(MEM) || name.equals(DISK) || name.equals(GPUS);
        if (scalarName && !(value instanceof Scalar)) {
            throw new InvalidResourceException(name, value.toString(), "a scalar such as 4 or 0.5");
        }
        if (name.equals(PORTS) && !(value instanceof Ranges)) {
            throw new InvalidResourceException(name, value.toString(), "ranges such as [31000-32000]");
        }
        if (!name.equals(DISK) && source.kind() != DiskSource.Kind.ROOT) {
            throw new InvalidResourceException(name, source.toString(), "a disk source only on disk");
        }
    }

    public static Resource scalar(String name, String amount) {
        return new Resource(name, Scalar.parse(name, amount), Optional.empty(), DiskSource.ROOT);
    }

    public static Resource scalar(String name, Scalar amount) {
        return new Resource(name, amount, Optional.empty(), DiskSource.ROOT);
    }

    public static Resource ports(Ranges ranges) {
        return new Resource(PORTS, ranges, Optional.empty(), DiskSource.ROOT);
    }

    public Resource reservedFor(Reservation r) {
        return new Resource(name, value, Optional.of(r), source);
    }

    public Resource unreserved() {
        return new Resource(name, value, Optional.empty(), source);
    }

    public Resource withValue(ResourceValue v) {
        return new Resource(name, v, reservation, source);
    }

    public boolean isReserved() {
        return reservation.isPresent();
    }

    /** The identity of the bucket this resource counts in: same key, same pool. */
    public ResourceKey key() {
        return new ResourceKey(name, reservation, source);
    }

    /** Text form: {@code cpus:4}, {@code disk[path:/srv/d1]:500}, {@code cpus(db/kafka,kafka,{resource_id=r1}):1}. */
    @Override
    public String toString() {
        return name + source + reservation.map(r -> "(" + r + ")").orElse("") + ":" + value;
    }
}
