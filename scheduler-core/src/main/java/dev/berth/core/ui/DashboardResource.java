package dev.berth.core.ui;

import dev.berth.core.access.Action;
import dev.berth.core.api.Authorize;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The dashboard's pages and the fragments htmx fetches again when the event stream names a change: the
 * cluster ({@code /ui}: agents, services, events) for callers who may read the cluster, and one service
 * ({@code /ui/services/{svc}}) for those who may read that service.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {
    @Inject
    DashboardData data;

    @GET
    @Authorize(Action.READ_CLUSTER)
    public CompletionStage<TemplateInstance> dashboard(@Context SecurityContext caller) {
        Views.Header header = data.header(caller);
        List<Views.EventLine> events = data.events();
        List<Views.ServicePanel> services = data.services(caller);
        return data.agents().thenApply(agents -> UiTemplates.dashboard(header, DashboardData.streamUrl(events),
                LiveTriggers.all(), agents, services, events));
    }

    @GET
    @Path("/fragments/agents")
    @Authorize(Action.READ_CLUSTER)
    public CompletionStage<TemplateInstance> agents() {
        return data.agents().thenApply(UiTemplates::agents);
    }

    @GET
    @Path("/fragments/services")
    @Authorize(Action.READ_CLUSTER)
    public TemplateInstance services(@Context SecurityContext caller) {
        return UiTemplates.services(data.services(caller));
    }

    @GET
    @Path("/fragments/events")
    @Authorize(Action.READ_CLUSTER)
    public TemplateInstance events() {
        return UiTemplates.events(data.events());
    }

    @GET
    @Path("/services/{svc}")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public TemplateInstance service(@PathParam("svc") String svc, @Context SecurityContext caller) {
        // live for callers who may also read the cluster (the event stream's rule); as loaded for the others
        return UiTemplates.service(data.header(caller), "/v1/events?service=" + java.net.URLEncoder.encode(svc,
                java.nio.charset.StandardCharsets.UTF_8), LiveTriggers.all(), data.panel(svc, caller));
    }

    @GET
    @Path("/services/{svc}/panel")
    @Authorize(value = Action.READ_SERVICE, object = "svc")
    public TemplateInstance panel(@PathParam("svc") String svc, @Context SecurityContext caller) {
        return UiTemplates.panel(data.panel(svc, caller));
    }
}
