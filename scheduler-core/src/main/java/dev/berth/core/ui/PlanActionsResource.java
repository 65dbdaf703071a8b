package dev.berth.core.ui;

import dev.berth.core.access.Action;
import dev.berth.core.api.Authorize;
import dev.berth.core.api.ServicesResource;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The dashboard's plan controls (pause = {@code stop}, continue, restart a step): the API's own plan action
 * ({@code POST /v1/services/{svc}/plans/{plan}/{action}}) under the same rule, plan_action on the service, answered
 * with the service's panel as it is after the action. A refused action answers as the API does (JSON naming
 * what was wrong), which the page shows.
 */
@Path("/ui/services/{svc}/plans/{plan}/{action}")
public class PlanActionsResource {
    @Inject
    ServicesResource services;
    @Inject
    DashboardData data;

    @POST
    @Authorize(value = Action.PLAN_ACTION, object = "svc")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance act(@PathParam("svc") String svc, @PathParam("plan") String plan,
                                @PathParam("action") String action, @QueryParam("phase") String phase,
                                @QueryParam("step") String step, @Context SecurityContext caller) {
        services.planAction(svc, plan, action, phase, step, null);
        return UiTemplates.panel(data.panel(svc, caller));
    }
}
