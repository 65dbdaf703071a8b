package dev.berth.core.api;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.access.Authorizer;
import dev.berth.core.protocol.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request to the REST API and the dashboard passes here: the caller is authenticated by its bearer
 * token (401 without a valid one), the endpoint's {@link Authorize} rule is checked with the {@link Authorizer}
 * (403 naming principal, action and object), and an endpoint that declares no rule is refused, so a new one
 * cannot slip by. The token comes in the {@code Authorization} header or, from a browser, in the dashboard's
 * session cookie ({@link BrowserSession}); a cookie-authenticated request that changes something must also
 * carry {@code HX-Request} (no cross-site forgery), and a browser navigating to a page without a token is
 * sent to the login form. Only endpoints marked {@link Open} (that form, and logout) need no token.
 * Mutating requests and refusals go to the audit log. The health probes ({@code /q/health}), the OpenAPI
 * document and the dashboard's script files are not REST resources and stay open.
 */
public class AccessFilter {
    @Inject
    MasterHolder holder;

    @Inject
    EventChannel events;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    @ServerRequestFilter
    public Optional<Response> authenticateAndAuthorize(ContainerRequestContext request, ResourceInfo resource) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        // HTTP/2 carries the host as :authority, which the request URI holds; HTTP/1.1 as the Host header
        String host = Optional.ofNullable(request.getHeaderString(HttpHeaders.HOST))
                .orElseGet(() -> request.getUriInfo().getRequestUri().getAuthority());
        Optional<String> badHost = LoopbackHosts.refusal(httpHost, host);
        if (badHost.isPresent()) {
            Authorizer.Audit.unauthenticated(method, path, badHost.get());
            return Optional.of(error(400, badHost.get()));
        }
        Method m = resource.getResourceMethod();
        if (m != null && m.isAnnotationPresent(Open.class)) {
            return Optional.empty(); // the login form and logout: see each one's reason
        }
        Optional<Authorizer> authorizer = holder.authorizer();
        if (authorizer.isEmpty()) {
            return Optional.of(error(503, "the master is starting: access control is not ready yet"));
        }
        boolean page = BrowserSession.wantsPage(method, path, request.getHeaderString(HttpHeaders.ACCEPT),
                request.getHeaderString(BrowserSession.HX_REQUEST));
        String header = bearer(request);
        String cookie = header == null ? sessionCookie(request) : null;
        String token = header != null ? header : cookie;
        Optional<String> principal = authorizer.get().authenticate(token);
        if (principal.isEmpty()) {
            String why = token == null ? "no bearer token" : "the token is not valid";
            Authorizer.Audit.unauthenticated(method, path, why);
            if (page) {
                return Optional.of(Response.seeOther(URI.create(BrowserSession.LOGIN_PAGE)).build());
            }
            return Optional.of(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"")
                    .type(MediaType.APPLICATION_JSON).entity(ApiError.of("unauthenticated: " + why + "; send"
                            + " 'Authorization: Bearer <token>' with a token from a credentials file"
                            + " (berth up writes berth-data/credentials)")).build());
        }
        request.setSecurityContext(new Caller(principal.get(), request.getSecurityContext()));
        Optional<String> forged = BrowserSession.forgeryRefusal(method, cookie != null,
                request.getHeaderString(BrowserSession.HX_REQUEST));
        if (forged.isPresent()) {
            return Optional.of(error(403, forged.get()));
        }
        Authorize rule = m == null ? null : m.getAnnotation(Authorize.class);
        if (rule != null) {
            String object = rule.object().isEmpty() ? rule.value().objectKind()
                    : request.getUriInfo().getPathParameters().getFirst(rule.object());
            try {
                authorizer.get().check(principal.get(), rule.value(), object);
            } catch (AccessDeniedException e) {
                return Optional.of(page ? htmlError(403, e.getMessage()) : error(403, e.getMessage()));
            }
        } else if (m == null || m.getAnnotation(CheckedBeyond.class) == null) {
            return Optional.of(error(403, "access denied: " + method + " " + path + " declares no access rule"));
        }
        return Optional.empty();
    }

    /** The audit log: every request that changes something, and every refusal. */
    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response) {
        boolean mutating = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
        boolean routine = request.getUriInfo().getPath().startsWith("/v1/agent/")
                || request.getUriInfo().getPath().matches("/v1/frameworks/[^/]+/(events|acknowledge)");
        if (request.getSecurityContext() instanceof Caller caller && (mutating && !routine || response.getStatus() == 403)) {
            Authorizer.Audit.request(caller.name(), request.getMethod(), request.getUriInfo().getPath(),
                    response.getStatus());
            if (response.getStatus() == 403) {
                String what = request.getMethod() + " " + request.getUriInfo().getPath();
                events.publish(ClusterEvent.Draft.of(EventKind.ACCESS_DENIED, null, caller.name(), what + " refused",
                        Map.of("principal", caller.name(), "method", request.getMethod(),
                                "path", request.getUriInfo().getPath())));
            }
        }
    }

    private static String bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    /** The token of the dashboard's session cookie, when the request has one. */
    private static String sessionCookie(ContainerRequestContext request) {
        Cookie c = request.getCookies().get(BrowserSession.COOKIE);
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    private static Response htmlError(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(BrowserSession.errorPage(status, message)).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiError.of(message)).build();
    }

    /** The authenticated caller, as resources read it through {@link SecurityContext}. */
    record Caller(String name, SecurityContext before) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return before != null && before.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }

    /** The caller's principal, for endpoints whose check needs more than the path. */
    static String principal(SecurityContext context) {
        return context.getUserPrincipal().getName();
    }
}
