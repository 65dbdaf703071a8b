package dev.berth.core.sdk;

import dev.berth.core.spec.ConfigRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Renders a service's config templates with what {@link dev.berth.core.spec.TemplateContext} gives
 * plus the package's own values under {@code package} ({@link ServiceHooks#templateValues}). Used both
 * at launch and when an update decides which pods changed, so both see the same files.
 */
public final class PackageTemplates implements BiFunction<String, Map<String, Object>, String> {
    private final ServiceHooks hooks;

    public PackageTemplates(ServiceHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public String apply(String template, Map<String, Object> context) {
        return ConfigRenderer.render(template, withPackageValues(context));
    }

    Map<String, Object> withPackageValues(Map<String, Object> context) {
        Map<String, Object> values = hooks.templateValues(Map.copyOf(context));
        if (values.isEmpty()) {
            return context;
        }
        Map<String, Object> out = new LinkedHashMap<>(context);
        out.put("package", Map.copyOf(values));
        return out;
    }
}
