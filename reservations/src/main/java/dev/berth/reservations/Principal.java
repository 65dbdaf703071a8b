package dev.berth.reservations;

/** Who acts: a framework or an API caller. Every reservation records the principal that made it. */
public record Principal(String name) implements Comparable<Principal> {
    public Principal {
        if (name == null || name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32)) {
            throw new InvalidResourceException("principal", String.valueOf(name),
                    "a non-empty name without spaces or control characters");
        }
    }

    public static Principal of(String name) {
        return new Principal(name);
    }

    @Override
    public int compareTo(Principal other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
