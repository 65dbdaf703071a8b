package dev.berth.core.api;

import dev.berth.core.access.AccessRole;
import dev.berth.core.access.AccessState;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.access.Grants;
import dev.berth.core.access.PrincipalRecord;
import dev.berth.core.access.Principals;
import dev.berth.core.access.Tokens;
import dev.berth.core.protocol.AccessViews;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/**
 * Principals and the ACL under {@code /v1/access}: list, create (the answer carries the new token, the only
 * time it is shown), give a new token, delete; list, grant and revoke rules; and who the caller is.
 */
@Path("/v1/access")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccessResource {
    @Inject
    MasterHolder holder;

    private Authorizer authorizer() {
        return holder.authorizer().orElseThrow(() -> new IllegalStateException("access control is not ready yet"));
    }

    @GET
    @Path("/whoami")
    @CheckedBeyond("none needed: any authenticated caller may see its own rules")
    public AccessViews.WhoAmI whoami(@Context SecurityContext caller) {
        String who = AccessFilter.principal(caller);
        return new AccessViews.WhoAmI(who, views(authorizer().store().current().rulesOf(who)));
    }

    @GET
    @Path("/principals")
    @Authorize(Action.MANAGE_ACCESS)
    public List<AccessViews.PrincipalView> principals() {
        return authorizer().store().current().principals().stream()
                .map(p -> new AccessViews.PrincipalView(p.name(), p.description(), p.created())).toList();
    }

    @POST
    @Path("/principals")
    @Authorize(Action.MANAGE_ACCESS)
    public Response create(AccessViews.CreatePrincipal r) {
        if (r == null) {
            throw new IllegalArgumentException("name: missing; expected the new principal's name");
        }
        String name = Principals.requireValidName(r.name());
        List<AclRule> rules = r.role() == null || r.role().isBlank() ? List.of()
                : AccessRole.of(r.role()).rules(name, r.objects());
        String token = Tokens.newToken();
        authorizer().store().update(s -> {
            if (s.principal(name).isPresent()) {
                throw new IllegalStateException("principal " + name + " exists already; give it a new token with"
                        + " POST /v1/access/principals/" + name + "/token");
            }
            return s.withPrincipal(new PrincipalRecord(name, r.description(), Instant.now(), Tokens.sha256(token)))
                    .withRules(rules);
        });
        return Response.status(201).entity(new AccessViews.Created(name, token, views(rules))).build();
    }

    @POST
    @Path("/principals/{name}/token")
    @Authorize(Action.MANAGE_ACCESS)
    public AccessViews.Created newToken(@PathParam("name") String name) {
        String token = Tokens.newToken();
        AccessState after = authorizer().store().update(s -> {
            PrincipalRecord p = s.principal(name).orElseThrow(() -> noPrincipal(name));
            return s.withPrincipal(new PrincipalRecord(name, p.description(), p.created(), Tokens.sha256(token)));
        });
        return new AccessViews.Created(name, token, views(after.rulesOf(name)));
    }

    @DELETE
    @Path("/principals/{name}")
    @Authorize(Action.MANAGE_ACCESS)
    public AccessViews.PrincipalView delete(@PathParam("name") String name, @Context SecurityContext caller) {
        if (name.equals(AccessFilter.principal(caller))) {
            throw new IllegalArgumentException("principal: '" + name + "' is the caller; a principal cannot delete itself");
        }
        // looked up inside the compare-and-set change: a concurrent delete makes this one a 404, not a second 200
        java.util.concurrent.atomic.AtomicReference<PrincipalRecord> gone = new java.util.concurrent.atomic.AtomicReference<>();
        authorizer().store().update(s -> {
            gone.set(s.principal(name).orElseThrow(() -> noPrincipal(name)));
            return s.withoutPrincipal(name);
        });
        return new AccessViews.PrincipalView(gone.get().name(), gone.get().description(), gone.get().created());
    }

    @GET
    @Path("/acl")
    @Authorize(Action.MANAGE_ACCESS)
    public List<AccessViews.RuleView> acl() {
        return views(authorizer().store().current().rules());
    }

    @POST
    @Path("/acl/grant")
    @Authorize(Action.MANAGE_ACCESS)
    public List<AccessViews.RuleView> grant(AccessViews.Grant g) {
        List<AclRule> rules = rulesOf(g);
        authorizer().store().update(s -> s.withRules(rules));
        return views(rules);
    }

    @POST
    @Path("/acl/revoke")
    @Authorize(Action.MANAGE_ACCESS)
    public List<AccessViews.RuleView> revoke(AccessViews.Grant g) {
        List<AclRule> rules = rulesOf(g);
        authorizer().store().update(s -> s.withoutRules(rules));
        return views(rules);
    }

    /** The rules a grant names: a built-in role's, or one action's, on its objects. */
    private static List<AclRule> rulesOf(AccessViews.Grant g) {
        if (g == null) {
            throw new IllegalArgumentException("principal: missing; expected who to grant to");
        }
        return new Grants(g.principal(), g.role(), g.action(), g.objects()).rules();
    }

    private static List<AccessViews.RuleView> views(List<AclRule> rules) {
        return rules.stream().map(r -> new AccessViews.RuleView(r.principal(), r.action().label(), r.object())).toList();
    }

    private static NotFoundException noPrincipal(String name) {
        return new NotFoundException("no principal '" + name + "'");
    }
}
