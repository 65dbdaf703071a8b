package dev.berth.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A package's options schema ({@code options.json}, JSON Schema): nested objects are groups of
 * options, their other properties are options, each known by its dotted key ({@code hello.count}).
 * Knows every option's type, default and range (for {@code berth package describe}), and validates a
 * full set of values with the JSON Schema validator, turning its findings into messages that name the
 * option key, the value and what is allowed.
 */
public final class OptionsSchema {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-]+");

    private final JsonNode json;
    private final Map<String, OptionSpec> options;
    private final JsonSchema compiled;

    private OptionsSchema(JsonNode json, Map<String, OptionSpec> options, JsonSchema compiled) {
        this.json = json;
        this.options = options;
        this.compiled = compiled;
    }

    /**
     * Reads a schema; {@code source} names it in errors ({@code packages/hello/options.json}).
     *
     * @throws PackageException when it is not a usable options schema (an option without a type, a
     *     default of the wrong type, a keyword the validator cannot compile)
     */
    public static OptionsSchema parse(JsonNode json, String source) {
        List<Violation> problems = new ArrayList<>();
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        if (json == null || !json.isObject()) {
            throw new PackageException("invalid options schema", List.of(new Violation(source, "is not a JSON object")));
        }
        String rootType = json.path("type").asText("object");
        if (!rootType.equals("object")) {
            problems.add(new Violation(source, "type: '" + rootType + "' should be object"));
        }
        group(json, "", source, problems, options);
        JsonSchema compiled = null;
        if (problems.isEmpty()) {
            try {
                JsonSchemaFactory factory = JsonSchemaFactory.getInstance(json.has("$schema")
                        ? SpecVersionDetector.detect(json) : SpecVersion.VersionFlag.V7);
                compiled = factory.getSchema(json);
                compiled.initializeValidators();
            } catch (JsonSchemaException | IllegalArgumentException e) {
                problems.add(new Violation(source, "cannot be compiled as a JSON Schema: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PackageException("invalid options schema", problems);
        }
        return new OptionsSchema(json.deepCopy(), Collections.unmodifiableMap(options), compiled);
    }

    /** An empty schema, for a package without options. */
    public static OptionsSchema empty() {
        return parse(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object"),
                "options.json");
    }

    private static void group(JsonNode node, String prefix, String source, List<Violation> problems,
                              Map<String, OptionSpec> out) {
        JsonNode properties = node.path("properties");
        if (properties.isMissingNode()) {
            return;
        }
        if (!properties.isObject()) {
            problems.add(new Violation(source, key(prefix, "properties") + ": is not an object"));
            return;
        }
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        properties.fields().forEachRemaining(e -> {
            String key = key(prefix, e.getKey());
            JsonNode property = e.getValue();
            if (!SEGMENT.matcher(e.getKey()).matches()) {
                problems.add(new Violation(source, key + ": an option name has letters, digits, '_' and '-' only"));
                return;
            }
            String type = property.path("type").asText("");
            if (type.equals("object") || (type.isEmpty() && property.has("properties"))) {
                group(property, key, source, problems, out);
                return;
            }
            if (!OptionTypes.TYPES.contains(type)) {
                problems.add(new Violation(source, key + ": type " + (type.isEmpty() ? "is missing" : "'" + type
                        + "' is not supported") + "; use object, " + String.join(", ", OptionTypes.TYPES)));
                return;
            }
            String itemType = type.equals("array") ? property.path("items").path("type").asText("string") : "";
            if (type.equals("array") && (itemType.equals("array") || !OptionTypes.TYPES.contains(itemType))) {
                problems.add(new Violation(source, key + ": items of type '" + itemType
                        + "' are not supported; use integer, number, boolean or string"));
                return;
            }
            Optional<Object> dflt = Optional.empty();
            if (property.has("default") && !property.get("default").isNull()) {
                try {
                    dflt = Optional.of(OptionTypes.fromJson(type, itemType, property.get("default")));
                } catch (IllegalArgumentException ex) {
                    problems.add(new Violation(source, key + ": default " + ex.getMessage()));
                    return;
                }
            }
            out.put(key, new OptionSpec(key, type, itemType, dflt, property.path("description").asText(""),
                    allowed(type, property), required.contains(e.getKey()), property));
        });
    }

    /** What values an option allows, in words. */
    static String allowed(String type, JsonNode schema) {
        List<String> parts = new ArrayList<>();
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
            return "one of " + String.join(", ", values);
        }
        switch (type) {
            case "integer", "number" -> {
                String min = schema.path("minimum").isNumber() ? schema.get("minimum").asText() : null;
                String max = schema.path("maximum").isNumber() ? schema.get("maximum").asText() : null;
                String above = schema.path("exclusiveMinimum").isNumber() ? schema.get("exclusiveMinimum").asText() : null;
                String below = schema.path("exclusiveMaximum").isNumber() ? schema.get("exclusiveMaximum").asText() : null;
                if (min != null && max != null) {
                    parts.add(min + ".." + max);
                } else {
                    if (min != null) {
                        parts.add(">= " + min);
                    } else if (above != null) {
                        parts.add("> " + above);
                    }
                    if (max != null) {
                        parts.add("<= " + max);
                    } else if (below != null) {
                        parts.add("< " + below);
                    }
                }
                if (schema.has("multipleOf")) {
                    parts.add("multiple of " + schema.get("multipleOf").asText());
                }
            }
            case "string" -> {
                String min = schema.has("minLength") ? schema.get("minLength").asText() : null;
                String max = schema.has("maxLength") ? schema.get("maxLength").asText() : null;
                if (min != null && max != null) {
                    parts.add(min + ".." + max + " characters");
                } else if (min != null) {
                    parts.add("at least " + min + " characters");
                } else if (max != null) {
                    parts.add("at most " + max + " characters");
                }
                if (schema.has("pattern")) {
                    parts.add("matching " + schema.get("pattern").asText());
                }
            }
            case "boolean" -> parts.add("true, false");
            case "array" -> parts.add("comma-separated list of " + schema.path("items").path("type").asText("string"));
            default -> {
            }
        }
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }

    /** Every option, in the order the schema declares them. */
    public List<OptionSpec> options() {
        return List.copyOf(options.values());
    }

    public Optional<OptionSpec> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** Every option key, comma-separated: what an "unknown option" message lists. */
    public String knownKeys() {
        return options.isEmpty() ? "(this package has no options)" : String.join(", ", options.keySet());
    }

    /** True when {@code key} names a group of options ({@code hello} of {@code hello.count}). */
    public boolean isGroup(String key) {
        return options.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
    }

    /** The schema as written. */
    public JsonNode json() {
        return json.deepCopy();
    }

    /** Validates full option values (flat, dotted keys, already of their types) against the schema. */
    List<Violation> validate(Map<String, Object> values) {
        JsonNode instance = OptionTypes.nestJson(values);
        Set<ValidationMessage> messages = compiled.validate(instance);
        List<Violation> out = new ArrayList<>();
        for (ValidationMessage message : messages) {
            out.add(violation(message));
        }
        out.sort(Comparator.comparing(Violation::field));
        return out;
    }

    private Violation violation(ValidationMessage m) {
        String key = key(m.getInstanceLocation());
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            String missing = key(key, m.getProperty());
            return new Violation(missing, "has no value and no default; set it with --set " + missing + "=VALUE");
        }
        JsonNode schema = options.containsKey(key) ? options.get(key).schema() : null;
        String value = OptionTypes.show(m.getInstanceNode());
        String type = m.getType() == null ? "" : m.getType();
        if (schema != null) {
            switch (type) {
                case "minimum":
                    return new Violation(key, value + " is below the minimum " + schema.path("minimum").asText());
                case "maximum":
                    return new Violation(key, value + " is above the maximum " + schema.path("maximum").asText());
                case "exclusiveMinimum":
                    return new Violation(key, value + " is too small; it must be above "
                            + schema.path("exclusiveMinimum").asText());
                case "exclusiveMaximum":
                    return new Violation(key, value + " is too large; it must be below "
                            + schema.path("exclusiveMaximum").asText());
                case "enum":
                    return new Violation(key, value + " is not " + allowed("", schema));
                case "pattern":
                    return new Violation(key, value + " does not match " + schema.path("pattern").asText());
                case "minLength":
                    return new Violation(key, value + " is shorter than " + schema.path("minLength").asText()
                            + " characters");
                case "maxLength":
                    return new Violation(key, value + " is longer than " + schema.path("maxLength").asText()
                            + " characters");
                case "multipleOf":
                    return new Violation(key, value + " is not a multiple of " + schema.path("multipleOf").asText());
                default:
                    break;
            }
        }
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        if (text.startsWith("$") && colon > 0) {
            text = text.substring(colon + 2);
        }
        String allowed = schema == null ? "" : "; allowed: " + allowed(options.get(key).type(), schema);
        return new Violation(key.isEmpty() ? "options" : key, value + ": " + text + allowed);
    }

    private static String key(JsonNodePath path) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                key.append('[').append(index).append(']');
            } else {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(element);
            }
        }
        return key.toString();
    }

    private static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionsSchema schema && schema.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "OptionsSchema" + options.keySet();
    }
}
