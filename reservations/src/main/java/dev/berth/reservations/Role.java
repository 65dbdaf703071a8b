package dev.berth.reservations;

import java.util.regex.Pattern;

/**
 * A role such as {@code db/cassandra}: hierarchical names separated by {@code /}. Resources reserved
 * for a role are offered only to frameworks of that role. Rules follow Mesos: no empty segment, no
 * {@code .} or {@code ..} segment, no segment starting with {@code -}, no white space or control
 * characters, and {@code *} (the unreserved pool) is not a role one can reserve for.
 */
public record Role(String name) implements Comparable<Role> {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private static final String ALLOWED =
            "segments of letters, digits, '_', '-' and '.' separated by '/', such as db/cassandra "
                    + "(no empty segment, no '.' or '..', no leading '-', no spaces)";

    public Role {
        validate("role", name);
    }

    public static Role of(String name) {
        return new Role(name);
    }

    /** Validates a role name given in {@code field}, throwing a message that names the field. */
    public static Role parse(String field, String name) {
        validate(field, name);
        return new Role(name);
    }

    private static void validate(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidResourceException(field, String.valueOf(name), ALLOWED);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches()) {
                throw new InvalidResourceException(field, name, ALLOWED);
            }
        }
    }

    /** True when this role is {@code other} or nested below it ({@code db/cassandra} is within {@code db}). */
    public boolean isWithin(Role other) {
        return name.equals(other.name) || name.startsWith(other.name + "/");
    }

    @Override
    public int compareTo(Role other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
