package dev.berth.core.sdk;

import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.TemplateInput;
import dev.berth.core.spec.ConfigRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Renders a service's config templates with what {@link dev.berth.core.spec.TemplateContext} gives
 * plus the package's own values under {@code package} ({@link ServiceHooks#templateValues}) and the
 * service's secrets under {@code secrets}. Used both
 * at launch and when an update decides which pods changed, so both see the same files.
 */
public final class PackageTemplates implements BiFunction<String, Map<String, Object>, String> {
    private final ServiceHooks hooks;
    private final Supplier<Secrets> secrets;

    public PackageTemplates(ServiceHooks hooks, Supplier<Secrets> secrets) {
        this.hooks = hooks;
        this.secrets = secrets;
    }

    /** Templates with the package's values and no secrets (tests, packages that declare none). */
    public PackageTemplates(ServiceHooks hooks) {
        this(hooks, () -> Secrets.NONE);
    }

    @Override
    public String apply(String template, Map<String, Object> context) {
        return ConfigRenderer.render(template, withPackageValues(context));
    }

    /**
     * The context with {@code package.*} and {@code secrets.*} added; the package's values are computed
     * without the secrets, which they have no reason to depend on.
     */
    Map<String, Object> withPackageValues(Map<String, Object> context) {
        Map<String, Object> values = hooks.templateValues(TemplateInput.of(context));
        Map<String, Object> out = new LinkedHashMap<>(context);
        if (!values.isEmpty()) {
            out.put("package", Map.copyOf(values));
        }
        out.put("secrets", secrets.get().templateValues());
        return out;
    }
}
