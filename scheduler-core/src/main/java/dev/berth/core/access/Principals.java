package dev.berth.core.access;

import java.util.regex.Pattern;

/** The names of principals: what is allowed, and the principal each installed service's framework acts as. */
public final class Principals {
    /** Letters, digits and {@code . _ : @ -}, so a name is safe in a URL path, a log line and a file name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    private Principals() {
    }

    /** A name as given, or an error naming the field, the value and what is allowed. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("principal: '" + name + "' is not valid; expected 1 to 128 letters, digits"
                    + " or . _ : @ -, starting with a letter or digit");
        }
        return name;
    }

    /** The principal the framework of service {@code service} acts as: {@code service:<name>}. */
    public static String ofService(String service) {
        return "service:" + service;
    }
}
