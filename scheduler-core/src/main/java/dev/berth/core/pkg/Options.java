package dev.berth.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.protocol.OptionRow;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one service, validated against its package's schema: the values the user gave
 * ({@code given}) and the full values with the schema's defaults filled in ({@code values}), both by
 * dotted key ({@code hello.count}) and typed (Long, Double, Boolean, String, List). Keeping what was
 * given apart from the defaults lets an update or a package upgrade re-apply new defaults to what the
 * user never set.
 *
 * <p>Only valid options exist: every factory validates and throws {@link OptionsException} with every
 * problem, each naming the key, the value and what is allowed
 * ({@code hello.count: 0 is below the minimum 1}, {@code hello.cont: unknown option; known: …}).
 */
public record Options(OptionsSchema schema, Map<String, Object> given, Map<String, Object> values) {
    public Options {
        Objects.requireNonNull(schema, "schema");
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The schema's defaults alone. */
    public static Options defaults(OptionsSchema schema) {
        return resolve(schema, null, Map.of());
    }

    /** Defaults with {@code overrides} ({@code hello.count -> "5"}, as typed on the command line) applied. */
    public static Options resolve(OptionsSchema schema, Map<String, String> overrides) {
        return resolve(schema, null, overrides);
    }

    /**
     * Defaults, then the values of an options file ({@code file}, nested JSON as in
     * {@code {"hello": {"count": 5}}}, may be null), then {@code overrides}; validated as a whole.
     *
     * @throws OptionsException with every unknown option, wrong type and value out of range
     */
    public static Options resolve(OptionsSchema schema, JsonNode file, Map<String, String> overrides) {
        List<Violation> problems = new ArrayList<>();
        Map<String, Object> given = new LinkedHashMap<>();
        if (file != null && !file.isNull() && !file.isMissingNode()) {
            if (!file.isObject()) {
                problems.add(new Violation("options", OptionTypes.show(file) + " is not a JSON object of options"));
            } else {
                readFile(schema, file, "", given, problems);
            }
        }
        overrides.forEach((key, text) -> {
            Optional<OptionSpec> option = schema.option(key);
            if (option.isEmpty()) {
                problems.add(unknown(schema, key));
                return;
            }
            try {
                given.put(key, OptionTypes.fromText(option.get().type(), option.get().itemType(), text));
            } catch (IllegalArgumentException e) {
                problems.add(new Violation(key, e.getMessage()));
            }
        });
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : schema.options()) {
            if (given.containsKey(option.key())) {
                values.put(option.key(), given.get(option.key()));
            } else {
                option.defaultValue().ifPresent(v -> values.put(option.key(), v));
            }
        }
        // Values that did not convert are reported already: leave them out of the schema's findings.
        java.util.Set<String> reported = new java.util.HashSet<>();
        problems.forEach(p -> reported.add(p.field()));
        schema.validate(values).stream().filter(v -> !reported.contains(v.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new OptionsException("invalid options", problems);
        }
        return new Options(schema, given, values);
    }

    /**
     * Parses {@code KEY=VALUE} arguments (from {@code --set}) into overrides; a later one for the same key
     * wins.
     *
     * @throws OptionsException for an argument without {@code =} or with an empty key
     */
    public static Map<String, String> assignments(List<String> arguments) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<Violation> problems = new ArrayList<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0 || argument.substring(0, eq).isBlank()) {
                problems.add(new Violation(argument, "expected KEY=VALUE, such as hello.count=5"));
            } else {
                overrides.put(argument.substring(0, eq).trim(), argument.substring(eq + 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new OptionsException("invalid --set", problems);
        }
        return overrides;
    }

    /** These options with {@code overrides} applied on top of what the user had given (for {@code berth update}). */
    public Options with(Map<String, String> overrides) {
        return resolve(schema, givenJson(), overrides);
    }

    /** What the user had given, validated against another schema (a new package version's). */
    public Options withSchema(OptionsSchema newSchema) {
        return resolve(newSchema, givenJson(), Map.of());
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The values nested by their dots, as templates see them: {@code {hello={count=3, …}}}. */
    public Map<String, Object> nested() {
        return OptionTypes.nestMaps(values);
    }

    /** Any dotted option values nested by their dots, as templates see them. */
    public static Map<String, Object> nested(Map<String, Object> flat) {
        return OptionTypes.nestMaps(flat);
    }

    /** The full values as nested JSON, for the config history. */
    public ObjectNode toJson() {
        return OptionTypes.nestJson(values);
    }

    /** What the user gave as nested JSON: an options file that reproduces these options. */
    public ObjectNode givenJson() {
        return OptionTypes.nestJson(given);
    }

    /** One row per option of the schema, with its current value: for {@code berth package describe}. */
    public List<OptionRow> describe() {
        List<OptionRow> rows = new ArrayList<>();
        for (OptionSpec option : schema.options()) {
            String type = option.type().equals("array") ? "array of " + option.itemType() : option.type();
            rows.add(new OptionRow(option.key(), type,
                    option.defaultValue().map(OptionTypes::format).orElse(""), option.allowed(),
                    option.description(), get(option.key()).map(OptionTypes::format).orElse("")));
        }
        return rows;
    }

    private static void readFile(OptionsSchema schema, JsonNode node, String prefix, Map<String, Object> given,
                                 List<Violation> problems) {
        node.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            Optional<OptionSpec> option = schema.option(key);
            if (option.isPresent()) {
                try {
                    given.put(key, OptionTypes.fromJson(option.get().type(), option.get().itemType(), e.getValue()));
                } catch (IllegalArgumentException ex) {
                    problems.add(new Violation(key, ex.getMessage()));
                }
            } else if (schema.isGroup(key) && e.getValue().isObject()) {
                readFile(schema, e.getValue(), key, given, problems);
            } else {
                problems.add(unknown(schema, key));
            }
        });
    }

    private static Violation unknown(OptionsSchema schema, String key) {
        if (schema.isGroup(key)) {
            List<String> members = schema.options().stream().map(OptionSpec::key).filter(k -> k.startsWith(key + "."))
                    .toList();
            return new Violation(key, "is a group of options, not an option; set one of " + String.join(", ", members));
        }
        return new Violation(key, "unknown option; known: " + schema.knownKeys());
    }
}
