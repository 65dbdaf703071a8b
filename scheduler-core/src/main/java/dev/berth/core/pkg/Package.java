package dev.berth.core.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecRenderer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A database (or any workload) as Berth installs it: its name and version, the service spec template
 * ({@code svc.yaml}), the options schema ({@code options.json}), the config templates its tasks render
 * at launch (by file name under {@code templates/}), and optionally the Java class of its hooks
 * (readiness, safety and replace logic a shell command cannot express). Installing a package with
 * options makes a service: {@link #render(String, Options)}.
 *
 * @param secrets what Berth generates once per service and keeps ({@link SecretSpec})
 * @param source where it was loaded from, for messages: {@code classpath:packages/hello} or a directory
 */
public record Package(String name, String version, String description, String specTemplate, JsonNode optionsSchema,
                      Map<String, String> templates, Optional<String> hooksClass, List<SecretSpec> secrets,
                      String source) {
    public Package {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        Objects.requireNonNull(specTemplate, "specTemplate");
        optionsSchema = Objects.requireNonNull(optionsSchema, "optionsSchema").deepCopy();
        templates = Collections.unmodifiableMap(new TreeMap<>(templates));
        hooksClass = hooksClass == null ? Optional.empty() : hooksClass;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        source = source == null ? "" : source;
    }

    @Override
    public JsonNode optionsSchema() {
        return optionsSchema.deepCopy();
    }

    /** The options schema, parsed. */
    public OptionsSchema schema() {
        return OptionsSchema.parse(optionsSchema, source + "/options.json");
    }

    /** The package's default options. */
    public Options defaults() {
        return Options.defaults(schema());
    }

    /** Defaults with {@code overrides} ({@code --set KEY=VALUE}) applied, validated. */
    public Options options(Map<String, String> overrides) {
        return Options.resolve(schema(), overrides);
    }

    /** The service spec of a service named {@code serviceName} installed with {@code options}. */
    public ServiceSpec render(String serviceName, Options options) {
        return SpecRenderer.render(serviceName, specTemplate, options.nested(), templates);
    }
}
