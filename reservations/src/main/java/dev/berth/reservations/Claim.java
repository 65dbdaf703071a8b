package dev.berth.reservations;

import java.util.Objects;

/**
 * Something that holds resources of an agent: a task uses cpus, mem and ports; a volume uses disk.
 * While a claim holds reserved resources, their reservation cannot be undone.
 */
public record Claim(Kind kind, String id) implements Comparable<Claim> {
    public enum Kind { TASK, VOLUME }

    public Claim {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a claim needs an id");
        }
    }

    public static Claim task(String taskId) {
        return new Claim(Kind.TASK, taskId);
    }

    public static Claim volume(String persistenceId) {
        return new Claim(Kind.VOLUME, persistenceId);
    }

    @Override
    public int compareTo(Claim o) {
        return kind != o.kind ? kind.compareTo(o.kind) : id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id;
    }
}
