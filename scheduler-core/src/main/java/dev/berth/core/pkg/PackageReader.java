package dev.berth.core.pkg;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.core.spec.SpecParser;
import dev.berth.core.spec.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds a {@link Package} from the files of one package folder (path relative to the folder to text),
 * wherever they came from (classpath or disk): {@code package.yaml} (name, version, description,
 * hooks), {@code svc.yaml}, {@code options.json} (optional) and {@code templates/*}. Checks each file
 * and reports every problem with the file it is in.
 */
final class PackageReader {
    static final String MANIFEST = "package.yaml";
    static final String SPEC = "svc.yaml";
    static final String OPTIONS = "options.json";
    static final String TEMPLATES = "templates/";
    private static final List<String> MANIFEST_FIELDS = List.of("name", "version", "description", "hooks", "secrets");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private PackageReader() {
    }

    /**
     * @param folderName the folder's name, which must be the package's name
     * @param source     where the folder is, for messages ({@code classpath:packages/hello})
     * @param files      path relative to the folder ({@code templates/hello.conf.mustache}) to content
     */
    static Package read(String folderName, String source, Map<String, String> files) {
        List<Violation> problems = new ArrayList<>();
        String manifestFile = source + "/" + MANIFEST;
        JsonNode manifest = parse(YAML, manifestFile, files.get(MANIFEST), problems);
        String name = null;
        String version = null;
        String description = "";
        Optional<String> hooks = Optional.empty();
        List<SecretSpec> secrets = List.of();
        if (manifest != null) {
            if (!manifest.isObject()) {
                problems.add(new Violation(manifestFile, "is not a mapping of " + String.join(", ", MANIFEST_FIELDS)));
            } else {
                manifest.fieldNames().forEachRemaining(f -> {
                    if (!MANIFEST_FIELDS.contains(f)) {
                        problems.add(new Violation(manifestFile, f + ": unknown field; known: "
                                + String.join(", ", MANIFEST_FIELDS)));
                    }
                });
                name = text(manifest, "name", manifestFile, problems);
                version = text(manifest, "version", manifestFile, problems);
                if (version != null && manifest.get("version").isNumber()) {
                    problems.add(new Violation(manifestFile, "version: write it in quotes (version: \"1.10\"); "
                            + "unquoted, YAML reads it as the number " + version));
                }
                description = manifest.path("description").asText("");
                if (manifest.hasNonNull("hooks")) {
                    String hooksClass = manifest.get("hooks").asText();
                    if (!CLASS_NAME.matcher(hooksClass).matches()) {
                        problems.add(new Violation(manifestFile, "hooks: '" + hooksClass
                                + "' is not a Java class name such as dev.berth.kafka.KafkaHooks"));
                    }
                    hooks = Optional.of(hooksClass);
                }
                secrets = secrets(manifest.get("secrets"), manifestFile, problems);
                if (name != null && !SpecParser.NAME.matcher(name).matches()) {
                    problems.add(new Violation(manifestFile, "name: '" + name
                            + "' is not a valid package name; use lower-case letters, digits and '-'"));
                } else if (name != null && !name.equals(folderName)) {
                    problems.add(new Violation(manifestFile, "name: '" + name + "' differs from its folder's name '"
                            + folderName + "'"));
                }
            }
        }
        String spec = files.get(SPEC);
        if (spec == null) {
            problems.add(new Violation(source + "/" + SPEC, "missing; a package needs a service spec template"));
        }
        String optionsFile = source + "/" + OPTIONS;
        JsonNode options = files.containsKey(OPTIONS) ? parse(JSON, optionsFile, files.get(OPTIONS), problems)
                : OptionsSchema.empty().json();
        if (options != null && problems.isEmpty()) {
            try {
                OptionsSchema.parse(options, optionsFile);
            } catch (PackageException e) {
                problems.addAll(e.violations());
            }
        }
        Map<String, String> templates = new LinkedHashMap<>();
        files.forEach((path, content) -> {
            if (path.startsWith(TEMPLATES) && path.length() > TEMPLATES.length()) {
                templates.put(path.substring(TEMPLATES.length()), content);
            }
        });
        if (!problems.isEmpty()) {
            throw new PackageException("invalid package " + source, problems);
        }
        return new Package(name, version, description, spec, options, templates, hooks, secrets, source);
    }

    /** {@code secrets: {NAME: {description: TEXT, given: BOOLEAN}}}: every entry checked, each problem reported. */
    private static List<SecretSpec> secrets(JsonNode node, String file, List<Violation> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            problems.add(new Violation(file, "secrets: is not a mapping of secret names to {description: TEXT}"));
            return List.of();
        }
        List<SecretSpec> out = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            String at = "secrets." + e.getKey();
            if (!SecretSpec.NAME.matcher(e.getKey()).matches()) {
                problems.add(new Violation(file, at + ": '" + e.getKey()
                        + "' is not a valid secret name; use lower-case letters, digits and '_', starting with a letter"));
                return;
            }
            JsonNode spec = e.getValue();
            if (spec == null || spec.isNull()) {
                out.add(new SecretSpec(e.getKey(), ""));
                return;
            }
            if (!spec.isObject()) {
                problems.add(new Violation(file, at + ": is not a mapping such as {description: TEXT}"));
                return;
            }
            spec.fieldNames().forEachRemaining(f -> {
                if (!f.equals("description") && !f.equals("given")) {
                    problems.add(new Violation(file, at + "." + f + ": unknown field; known: description, given"));
                }
            });
            if (spec.has("given") && !spec.get("given").isBoolean()) {
                problems.add(new Violation(file, at + ".given: " + spec.get("given") + " is not true or false"));
                return;
            }
            out.add(new SecretSpec(e.getKey(), spec.path("description").asText(""), spec.path("given").asBoolean(false)));
        });
        return List.copyOf(out);
    }

    private static JsonNode parse(ObjectMapper mapper, String file, String content, List<Violation> problems) {
        if (content == null) {
            problems.add(new Violation(file, "missing"));
            return null;
        }
        try {
            JsonNode node = mapper.readTree(content);
            if (node == null || node.isMissingNode()) {
                problems.add(new Violation(file, "is empty"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problems.add(SpecParser.malformed(file, e));
            return null;
        }
    }

    private static String text(JsonNode manifest, String field, String file, List<Violation> problems) {
        JsonNode value = manifest.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            problems.add(new Violation(file, field + ": missing"));
            return null;
        }
        return value.asText();
    }
}
