package dev.berth.core.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.sdk.hooks.Secrets;
import dev.berth.core.sdk.hooks.ServiceHooks;
import dev.berth.core.sdk.hooks.TemplateInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config templates see the package's own values, computed from the instance's context. */
class PackageTemplatesTest {
    static final ServiceHooks FIRST_THREE_CONTROL = new ServiceHooks() {
        @Override
        public Map<String, Object> templateValues(TemplateInput context) {
            return Map.of("controller", context.podIndex() < 3);
        }
    };

    @Test
    void theTemplateSeesWhatThePackageComputedForTheInstance() {
        PackageTemplates templates = new PackageTemplates(FIRST_THREE_CONTROL);
        String t = "{{#package.controller}}roles=broker,controller{{/package.controller}}"
                + "{{^package.controller}}roles=broker{{/package.controller}}";

        assertThat(templates.apply(t, Map.of("pod", Map.of("index", 2)))).isEqualTo("roles=broker,controller");
        assertThat(templates.apply(t, Map.of("pod", Map.of("index", 3)))).isEqualTo("roles=broker");
    }

    @Test
    void withoutHooksTheContextIsRenderedAsItIs() {
        assertThat(new PackageTemplates(ServiceHooks.NONE).apply("{{a}}-{{package.x}}", Map.of("a", "1"))).isEqualTo("1-");
    }

    @Test
    void theTemplateSeesTheServicesSecretsAsTheyAreNow() {
        java.util.concurrent.atomic.AtomicReference<Secrets> stored = new java.util.concurrent.atomic.AtomicReference<>(
                new Secrets(Map.of("admin_password", "abc123")));
        PackageTemplates templates = new PackageTemplates(ServiceHooks.NONE, stored::get);

        assertThat(templates.apply("admin {{secrets.admin_password}}", Map.of())).isEqualTo("admin abc123");
        stored.set(stored.get().with(Map.of("token", "t0k")));
        assertThat(templates.apply("{{secrets.token}}", Map.of())).isEqualTo("t0k");
    }
}
