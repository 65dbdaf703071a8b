package dev.berth.core.runtime;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations, sizes and fractions as operators write them on the command line ({@code 7d}, {@code 10MiB},
 * {@code 0.9}); a value that is not one is refused naming the option, the value and what is allowed.
 */
final class OptionValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)?");

    private OptionValues() {
    }

    /** A whole number with a unit ms, s, m, h, d or w (a bare number is seconds): {@code 7d}, {@code 90s}. */
    static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw refused(option, value, "a whole number with a unit ms, s, m, h, d or w, such as 7d or 30m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** A whole number of bytes with a unit B, KiB, MiB or GiB (a bare number is bytes), at least {@code min}. */
    static long size(String option, String value, long min) {
        Matcher m = SIZE.matcher(value.trim());
        String allowed = "a size of at least " + min + " bytes with a unit B, KiB, MiB or GiB, such as 10MiB";
        if (!m.matches() || m.group(1).length() > 12) {
            throw refused(option, value, allowed);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (n > Long.MAX_VALUE >> shift || n << shift < min) {
            throw refused(option, value, allowed);
        }
        return n << shift;
    }

    /** A fraction above 0 and at most 1: {@code 0.9}. */
    static double fraction(String option, String value) {
        try {
            double f = Double.parseDouble(value.trim());
            if (f > 0 && f <= 1) {
                return f;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(option, value, "a fraction above 0 and at most 1, such as 0.9");
    }

    /** A whole number from {@code min} to {@code max}. */
    static int count(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(option, value, "a whole number from " + min + " to " + max);
    }

    private static IllegalArgumentException refused(String option, String value, String allowed) {
        return new IllegalArgumentException(option + ": '" + value + "' is not valid; expected " + allowed);
    }
}
