package dev.berth.reservations;

import java.util.Comparator;
import java.util.Objects;

/** A dynamic reservation: for which role, by which principal, with which labels (the resource id). */
public record Reservation(Role role, Principal principal, Labels labels) implements Comparable<Reservation> {
    private static final Comparator<Reservation> ORDER = Comparator.comparing(Reservation::role)
            .thenComparing(Reservation::principal)
            .thenComparing(Reservation::labels);

    public Reservation {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        labels = labels == null ? Labels.NONE : labels;
    }

    public static Reservation of(Role role, Principal principal, String resourceId) {
        return new Reservation(role, principal, Labels.resourceId(resourceId));
    }

    @Override
    public int compareTo(Reservation other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return labels.isEmpty() ? role + "," + principal : role + "," + principal + "," + labels;
    }
}
