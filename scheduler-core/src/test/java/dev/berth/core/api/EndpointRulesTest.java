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
            AgentProtocolResource.class, AccessResource.class, EventsResource.class, MetricsResource.class,
            dev.berth.core.ui.DashboardResource.class, dev.berth.core.ui.PlanActionsResource.class,
            dev.berth.core.ui.LoginResource.class, TaskFilesResource.class, dev.berth.core.ui.TaskLogsPage.class);
    static final List<Class<? extends Annotation>> METHODS = List.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class,
            jakarta.ws.rs.DELETE.class, jakarta.ws.rs.PUT.class, jakarta.ws.rs.PATCH.class);

    @Test
    void everyEndpointHasExactlyOneAccessDeclaration() {
        List<String> missing = new ArrayList<>();
        List<String> open = new ArrayList<>();
        int endpoints = 0;
        for (Class<?> c : RESOURCES) {
            for (Method m : c.getDeclaredMethods()) {
                if (METHODS.stream().noneMatch(m::isAnnotationPresent)) {
                    continue;
                }
                endpoints++;
                long declarations = List.of(Authorize.class, CheckedBeyond.class, Open.class).stream()
                        .filter(m::isAnnotationPresent).count();
                if (declarations != 1) {
                    missing.add(c.getSimpleName() + "." + m.getName());
                }
                if (m.isAnnotationPresent(Open.class)) {
                    open.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(endpoints).isGreaterThan(40);
        assertThat(missing).as("endpoints without exactly one of @Authorize, @CheckedBeyond and @Open").isEmpty();
        // the only endpoints that need no token: a new one is a decision to make here, not by accident
        assertThat(open).containsExactlyInAnyOrder("LoginResource.form", "LoginResource.login", "LoginResource.logout");
    }

    @Test
    void aPathParameterNamedByARuleExistsOnItsEndpoint() {
        for (Class<?> c : RESOURCES) {
            for (Method m : c.getDeclaredMethods()) {
                Authorize a = m.getAnnotation(Authorize.class);
                if (a == null || a.object().isEmpty()) {
                    continue;
                }
                // the path is the class's and the method's together (either may name the parameter)
                String path = java.util.stream.Stream.of(c.getAnnotation(jakarta.ws.rs.Path.class),
                        m.getAnnotation(jakarta.ws.rs.Path.class)).filter(java.util.Objects::nonNull)
                        .map(jakarta.ws.rs.Path::value).collect(java.util.stream.Collectors.joining("/"));
                assertThat(path).as(c.getSimpleName() + "." + m.getName()).contains("{" + a.object() + "}");
            }
        }
    }
}
