package dev.berth.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One option a package declares in its schema, flattened to its dotted key ({@code hello.count}):
 * the schema's nested objects are groups, their non-object properties are options.
 *
 * @param key          dotted key, as users type it in {@code --set}
 * @param type         integer, number, boolean, string or array
 * @param itemType     for arrays, the type of the items (string unless the schema says); empty otherwise
 * @param defaultValue the default, converted to the option's Java type (Long, Double, Boolean, String, List)
 * @param description  the schema's description, empty when none
 * @param allowed      what values are allowed, in words ({@code 1..20}, {@code one of a, b}, {@code any})
 * @param required     listed in its group's {@code required}: an install without a value is refused
 * @param schema       the option's own JSON Schema node
 */
public record OptionSpec(String key, String type, String itemType, Optional<Object> defaultValue, String description,
                         String allowed, boolean required, JsonNode schema) {
    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        itemType = itemType == null ? "" : itemType;
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        description = description == null ? "" : description;
        allowed = allowed == null ? "any" : allowed;
        schema = schema.deepCopy();
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
