package dev.berth.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a package's spec template ({@code svc.yaml}) into a {@link ServiceSpec} for one service:
 * renders it with Mustache against the options (nested by their dots, {@code {{hello.count}}}) and
 * {@code {{service.name}}}, then parses the result strictly with {@link SpecParser}. Config templates
 * are only looked up here (their content goes into the spec); they are rendered at launch, with
 * {@link ConfigRenderer} and a {@link TemplateContext}.
 */
public final class SpecRenderer {
    private SpecRenderer() {
    }

    /**
     * @param serviceName  the name the service is installed under; the spec's {@code name} must equal it
     * @param specTemplate the text of {@code svc.yaml}
     * @param options      option values nested by their dots ({@code {hello={count=3}}})
     * @param templates    the package's config templates, file name to content
     * @throws SpecException naming the template line, or every spec field that is wrong
     */
    public static ServiceSpec render(String serviceName, String specTemplate, Map<String, Object> options,
                                     Map<String, String> templates) {
        Objects.requireNonNull(serviceName, "serviceName");
        String yaml = renderText(serviceName, specTemplate, options);
        return SpecParser.parse(yaml, templates, Optional.of(serviceName));
    }

    /** The rendered YAML text, before parsing: what {@code berth package render} would show. */
    public static String renderText(String serviceName, String specTemplate, Map<String, Object> options) {
        return ConfigRenderer.render("svc.yaml", specTemplate, context(serviceName, options));
    }

    /** The options plus {@code service.name}. */
    public static Map<String, Object> context(String serviceName, Map<String, Object> options) {
        Map<String, Object> context = new LinkedHashMap<>(options);
        context.put("service", TemplateContext.merged(options.get("service"), Map.of("name", serviceName)));
        return context;
    }
}
