package dev.berth.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML mapping of a spec being read strictly: every field it reads is checked for its type and
 * range, a field it does not know is reported, and every report names the YAML path
 * ({@code pods.hello.tasks.server.cpus}). Problems are collected rather than thrown, so a user sees
 * all of them at once. Readers return {@code null} for a value that is missing or wrong (reported).
 */
final class YamlMapping {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(MiB|GiB|TiB)?");
    static final String DURATION_FORMS = "use a number of seconds or e.g. 500ms, 5s, 2m, 1h, 1m30s";

    private final ObjectNode node;
    private final String path;
    private final List<Violation> problems;

    private YamlMapping(ObjectNode node, String path, List<Violation> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * The mapping at {@code path}, reporting each field not in {@code known}; {@code null} (reported)
     * when {@code value} is not a mapping.
     */
    static YamlMapping of(JsonNode value, String path, List<Violation> problems, String what, List<String> known) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            problems.add(new Violation(path, "missing; expected " + what));
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            problems.add(new Violation(path, show(value) + " is not " + what + "; expected a mapping of "
                    + String.join(", ", known)));
            return null;
        }
        YamlMapping mapping = new YamlMapping(object, path, problems);
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                mapping.report(field, "unknown field; known: " + String.join(", ", known));
            }
        });
        return mapping;
    }

    String path() {
        return path;
    }

    /** The path of one field of this mapping. */
    String at(String field) {
        return join(path, field);
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void report(String field, String message) {
        problems.add(new Violation(at(field), message));
    }

    /** The raw value of {@code field}; {@code null} when absent or written empty. */
    JsonNode raw(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String field) {
        return raw(field) != null;
    }

    /** A required scalar as text. */
    String requiredText(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            report(field, "missing; expected a text");
            return null;
        }
        return scalar(field, value);
    }

    Optional<String> text(String field) {
        JsonNode value = raw(field);
        return value == null ? Optional.empty() : Optional.ofNullable(scalar(field, value));
    }

    private String scalar(String field, JsonNode value) {
        if (!value.isValueNode()) {
            report(field, show(value) + " is not a text");
            return null;
        }
        return value.asText();
    }

    /** An integer in {@code [min, max]}; {@code dflt == null} makes it required. */
    Long integer(String field, Long dflt, long min, long max) {
        JsonNode value = raw(field);
        if (value == null) {
            if (dflt == null) {
                report(field, "missing; expected an integer" + range(min, max));
            }
            return dflt;
        }
        Long result = asLong(value);
        if (result == null) {
            report(field, show(value) + " is not an integer");
            return null;
        }
        return inRange(field, value, result, min, max) ? result : null;
    }

    /** A number greater than {@code above} and at most {@code max}; {@code dflt == null} makes it required. */
    Double number(String field, Double dflt, double above, double max) {
        JsonNode value = raw(field);
        if (value == null) {
            if (dflt == null) {
                report(field, "missing; expected a number above " + plain(above));
            }
            return dflt;
        }
        Double result = asDouble(value);
        if (result == null) {
            report(field, show(value) + " is not a number");
            return null;
        }
        if (result <= above) {
            report(field, show(value) + " is too small; it must be above " + plain(above));
            return null;
        }
        if (result > max) {
            report(field, show(value) + " is above the maximum " + plain(max));
            return null;
        }
        return result;
    }

    boolean bool(String field, boolean dflt) {
        JsonNode value = raw(field);
        if (value == null) {
            return dflt;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        report(field, show(value) + " is not a boolean; use true or false");
        return dflt;
    }

    Duration duration(String field, Duration dflt) {
        JsonNode value = raw(field);
        if (value == null) {
            return dflt;
        }
        Duration result = parseDuration(value);
        if (result == null) {
            report(field, show(value) + " is not a duration; " + DURATION_FORMS);
            return null;
        }
        return result;
    }

    /** A size in MiB: a number, or a number with a unit MiB, GiB or TiB; at least 1. */
    Long sizeMib(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            report(field, "missing; expected a size in MiB (16) or with a unit (16MiB, 2GiB)");
            return null;
        }
        Long mib = value.isNumber() ? asLong(value) : null;
        if (mib == null && value.isTextual()) {
            Matcher m = SIZE.matcher(value.asText().trim());
            if (m.matches()) {
                try {
                    long n = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "MiB" : m.group(2);
                    mib = switch (unit) {
                        case "GiB" -> Math.multiplyExact(n, 1024L);
                        case "TiB" -> Math.multiplyExact(n, 1024L * 1024L);
                        default -> n;
                    };
                } catch (ArithmeticException | NumberFormatException e) {
                    mib = null;
                }
            }
        }
        if (mib == null) {
            report(field, show(value) + " is not a size; use MiB as a number (16) or with a unit (16MiB, 2GiB)");
            return null;
        }
        return inRange(field, value, mib, 1, Long.MAX_VALUE) ? mib : null;
    }

    /** One of an enum's constants, written in any case. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, E dflt) {
        JsonNode value = raw(field);
        if (value == null) {
            return dflt;
        }
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.asText().trim())) {
                    return constant;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        report(field, show(value) + " is not one of " + String.join(", ", names));
        return null;
    }

    /** The named children of a mapping-valued field, in the order written; empty when absent. */
    Map<String, JsonNode> entries(String field) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        JsonNode value = raw(field);
        if (value == null) {
            return entries;
        }
        if (!value.isObject()) {
            report(field, show(value) + " is not a mapping of names");
            return entries;
        }
        value.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }

    /** The items of a list-valued field; empty when absent. */
    List<JsonNode> list(String field) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode value = raw(field);
        if (value == null) {
            return items;
        }
        if (!value.isArray()) {
            report(field, show(value) + " is not a list");
            return items;
        }
        value.forEach(items::add);
        return items;
    }

    private boolean inRange(String field, JsonNode value, long n, long min, long max) {
        if (n < min) {
            report(field, show(value) + " is below the minimum " + min);
            return false;
        }
        if (n > max) {
            report(field, show(value) + " is above the maximum " + max);
            return false;
        }
        return true;
    }

    private static String range(long min, long max) {
        return max == Long.MAX_VALUE ? " >= " + min : " in " + min + ".." + max;
    }

    static Long asLong(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < 9.0e15) {
            return (long) value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double asDouble(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                double d = Double.parseDouble(value.asText().trim());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Duration parseDuration(JsonNode value) {
        if (value.isNumber()) {
            Long seconds = asLong(value);
            return seconds == null || seconds < 0 ? null : Duration.ofSeconds(seconds);
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        return end == text.length() && end > 0 ? total : null;
    }

    /** How a value is quoted in a message: {@code 'x'} for text, {@code 3} for a number. */
    static String show(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.asText();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
