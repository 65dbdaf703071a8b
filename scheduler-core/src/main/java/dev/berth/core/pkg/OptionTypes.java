package dev.berth.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts option values between what users type ({@code --set hello.count=5}), what option files
 * hold (JSON), and the Java values templates and the validator see: Long for integer, Double for
 * number, Boolean, String, and List for array (typed as comma-separated items). A value of the
 * wrong type is refused here, with a message that quotes it, before any range is checked.
 */
final class OptionTypes {
    static final List<String> TYPES = List.of("integer", "number", "boolean", "string", "array");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OptionTypes() {
    }

    /** The value of {@code text} as typed for an option of {@code type}. */
    static Object fromText(String type, String itemType, String text) {
        switch (type) {
            case "integer" -> {
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(quote(text) + " is not an integer");
                }
            }
            case "number" -> {
                try {
                    double d = Double.parseDouble(text.trim());
                    if (Double.isFinite(d)) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
                throw new IllegalArgumentException(quote(text) + " is not a number");
            }
            case "boolean" -> {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new IllegalArgumentException(quote(text) + " is not a boolean; use true or false");
            }
            case "array" -> {
                List<Object> items = new ArrayList<>();
                if (!text.isBlank()) {
                    for (String item : text.split(",", -1)) {
                        items.add(fromText(itemType, "", item.trim()));
                    }
                }
                return List.copyOf(items);
            }
            default -> {
                return text;
            }
        }
    }

    /** The value of {@code node} (from an options file) for an option of {@code type}; its JSON type must fit. */
    static Object fromJson(String type, String itemType, JsonNode node) {
        switch (type) {
            case "integer" -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
                if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())
                        && Math.abs(node.doubleValue()) < 9.0e15) {
                    return (long) node.doubleValue();
                }
                throw new IllegalArgumentException(show(node) + " is not an integer");
            }
            case "number" -> {
                if (node.isNumber()) {
                    return node.doubleValue();
                }
                throw new IllegalArgumentException(show(node) + " is not a number");
            }
            case "boolean" -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                throw new IllegalArgumentException(show(node) + " is not a boolean; use true or false");
            }
            case "array" -> {
                if (!node.isArray()) {
                    throw new IllegalArgumentException(show(node) + " is not a list");
                }
                List<Object> items = new ArrayList<>();
                node.forEach(item -> items.add(fromJson(itemType, "", item)));
                return List.copyOf(items);
            }
            default -> {
                if (node.isTextual()) {
                    return node.asText();
                }
                throw new IllegalArgumentException(show(node) + " is not a string");
            }
        }
    }

    static JsonNode toJson(Object value) {
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        return JSON.textNode(String.valueOf(value));
    }

    /** Flat dotted keys to a nested JSON object: {@code hello.count=3} to {@code {"hello":{"count":3}}}. */
    static ObjectNode nestJson(Map<String, Object> flat) {
        ObjectNode root = JSON.objectNode();
        flat.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], toJson(value));
        });
        return root;
    }

    /** Flat dotted keys to nested maps, as Mustache reads them ({@code {{hello.count}}}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nestMaps(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            Map<String, Object> parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (Map<String, Object>) parent.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
            }
            parent.put(parts[parts.length - 1], value);
        });
        return root;
    }

    /** A value as a user would type it: {@code 3}, {@code 0.1}, {@code hello}, {@code a,b}. */
    static String format(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(OptionTypes::format).toList());
        }
        return String.valueOf(value);
    }

    /** A JSON value as quoted in messages: {@code 'x'} for text, {@code 3} for a number. */
    static String show(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return quote(node.asText());
        }
        return node.toString();
    }

    static String quote(String text) {
        return "'" + text + "'";
    }
}
