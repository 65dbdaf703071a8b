package dev.berth.core.ui;

import dev.berth.core.access.Authorizer;
import dev.berth.core.api.BrowserSession;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.api.Open;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * The dashboard's login: the user pastes the token of a credentials file, the same {@link Authorizer} that
 * checks every API request checks it, and the browser keeps it in the session cookie
 * ({@link BrowserSession}). What the principal may see and do is then decided per request, as for any client.
 */
@Path("/ui")
public class LoginResource {
    @Inject
    MasterHolder holder;

    @GET
    @Path("/login")
    @Open("the login form: where a browser that has no token yet brings one")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return UiTemplates.login(null);
    }

    @POST
    @Path("/login")
    @Open("takes a token and checks it itself, with the Authorizer every request is checked with")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("token") String token, @HeaderParam("Origin") String origin,
                          @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri,
                          @Context SecurityContext request) {
        // HTTP/2 carries the host as :authority, which the request URI holds; HTTP/1.1 as the Host header
        String authority = host != null ? host : uri.getRequestUri().getAuthority();
        Optional<String> crossSite = BrowserSession.crossSiteLogin(origin, authority);
        if (crossSite.isPresent()) {
            Authorizer.Audit.unauthenticated("POST", "/ui/login", crossSite.get());
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(UiTemplates.login(crossSite.get())).build();
        }
        Optional<Authorizer> authorizer = holder.authorizer();
        if (authorizer.isEmpty()) {
            return Response.status(503).entity(UiTemplates.login("The master is starting: access control is not ready"
                    + " yet. Try again in a few seconds.")).build();
        }
        String given = token == null ? "" : token.trim();
        if (given.isEmpty()) {
            return refused("token: missing; paste the value of \"token\" from a credentials file (berth up writes"
                    + " berth-data/credentials)", "no token");
        }
        Optional<String> principal = authorizer.get().authenticate(given);
        if (principal.isEmpty()) {
            return refused("token: not valid (no principal has it; a new token replaces the old one); paste the value of"
                    + " \"token\" from a current credentials file", "the token is not valid");
        }
        Authorizer.Audit.request(principal.get(), "POST", "/ui/login", 303);
        return Response.seeOther(URI.create("/ui"))
                .header(HttpHeaders.SET_COOKIE, BrowserSession.cookie(given, request.isSecure())).build();
    }

    @POST
    @Path("/logout")
    @Open("only makes the browser forget its cookie; the token itself stays valid, as a credentials file does")
    public Response logout(@Context SecurityContext request) {
        return Response.seeOther(URI.create(BrowserSession.LOGIN_PAGE))
                .header(HttpHeaders.SET_COOKIE, BrowserSession.forget(request.isSecure())).build();
    }

    private static Response refused(String message, String why) {
        Authorizer.Audit.unauthenticated("POST", "/ui/login", why);
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE).entity(UiTemplates.login(message)).build();
    }
}
