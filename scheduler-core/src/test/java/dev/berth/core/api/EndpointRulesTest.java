package dev.berth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint declares how it is authorized, so none bypasses access control: the filter refuses
 * one that declares nothing, and this test names it before it ships.
 */
class EndpointRulesTest {
    static final List<Class<?>> RESOURCES = List.of(ClusterResource.class, ServicesResource.class, FrameworkResource.class,
            AgentProtocolResource.class, AccessResource.class);
    static final List<Class<? extends Annotation>> METHODS = List.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class,
            jakarta.ws.rs.DELETE.class, jakarta.ws.rs.PUT.class, jakarta.ws.rs.PATCH.class);

    @Test
    void everyEndpointHasExactlyOneAccessDeclaration() {
        List<String> missing = new ArrayList<>();
        int endpoints = 0;
        for (Class<?> c : RESOURCES) {
            for (Method m : c.getDeclaredMethods()) {
                if (METHODS.stream().noneMatch(m::isAnnotationPresent)) {
                    continue;
                }
                endpoints++;
                if (m.isAnnotationPresent(Authorize.class) == m.isAnnotationPresent(CheckedBeyond.class)) {
                    missing.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(endpoints).isGreaterThan(40);
        assertThat(missing).as("endpoints without exactly one of @Authorize and @CheckedBeyond").isEmpty();
    }

    @Test
    void aPathParameterNamedByARuleExistsOnItsEndpoint() {
        for (Class<?> c : RESOURCES) {
            for (Method m : c.getDeclaredMethods()) {
                Authorize a = m.getAnnotation(Authorize.class);
                if (a == null || a.object().isEmpty()) {
                    continue;
                }
                String path = m.getAnnotation(jakarta.ws.rs.Path.class).value();
                assertThat(path).as(c.getSimpleName() + "." + m.getName()).contains("{" + a.object() + "}");
            }
        }
    }
}
