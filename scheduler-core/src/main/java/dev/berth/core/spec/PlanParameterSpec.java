package dev.berth.core.spec;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parameter an operator gives when starting a plan ({@code berth plan start SVC backup -p name=b1}):
 * required or with a default, and a pattern its value must match whole. Tasks of the plan's steps see
 * it as the environment variable {@link #envKey()}, the package's actions through their hook context.
 */
public record PlanParameterSpec(String name, boolean required, Optional<String> defaultValue, Pattern pattern,
                                String description) {
    /** Lower-case words joined by '_': the name becomes an environment variable's suffix as it is, upper-cased. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Any value without line breaks, when the package gives no pattern of its own. */
    public static final Pattern ANY = Pattern.compile("[^\\n\\r]*");

    public PlanParameterSpec {
        Objects.requireNonNull(name, "name");
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        pattern = pattern == null ? ANY : pattern;
        description = description == null ? "" : description;
    }

    /** {@code BERTH_PARAM_NAME}: how the tasks of the plan's steps see the value. */
    public String envKey() {
        return envKey(name);
    }

    public static String envKey(String name) {
        return "BERTH_PARAM_" + name.toUpperCase(java.util.Locale.ROOT);
    }
}
