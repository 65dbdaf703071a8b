package dev.berth.core.api;

import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Sequenced;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The framework API over HTTP: register, poll events, and the calls of {@code FrameworkDriver}. */
@Path("/v1/frameworks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FrameworkResource {
    @Inject
    MasterHolder holder;

    @Inject
    RemoteFrameworks remotes;

    @POST
    public CompletionStage<FrameworkCalls.Registered> register(FrameworkInfo info) {
        return remotes.register(info);
    }

    @POST
    @Path("/{id}/events")
    public CompletionStage<List<Sequenced<FrameworkEvent>>> events(@PathParam("id") String id, FrameworkCalls.Poll poll) {
        holder.leader();
        long wait = Math.max(0, Math.min(poll.waitMs(), AgentProtocolResource.MAX_WAIT_MS));
        return remotes.get(id).poll(poll.session(), poll.confirmed(), Duration.ofMillis(wait), remotes.timer);
    }

    @POST
    @Path("/{id}/accept")
    public CompletionStage<Void> accept(@PathParam("id") String id, FrameworkCalls.Accept call) {
        return remotes.get(id).driver().accept(call.offerIds(), call.operations(), Duration.ofSeconds(call.refuseSeconds()));
    }

    @POST
    @Path("/{id}/decline")
    public void decline(@PathParam("id") String id, FrameworkCalls.Decline call) {
        remotes.get(id).driver().decline(call.offerId(), Duration.ofSeconds(call.refuseSeconds()));
    }

    @POST
    @Path("/{id}/kill")
    public void kill(@PathParam("id") String id, FrameworkCalls.Kill call) {
        remotes.get(id).driver().kill(call.taskId());
    }

    @POST
    @Path("/{id}/acknowledge")
    public void acknowledge(@PathParam("id") String id, FrameworkCalls.Acknowledge call) {
        remotes.get(id).driver().acknowledge(call.taskId(), call.uuid());
    }

    @POST
    @Path("/{id}/reconcile")
    public void reconcile(@PathParam("id") String id, FrameworkCalls.Reconcile call) {
        remotes.get(id).driver().reconcile(call.taskIds() == null ? List.of() : call.taskIds());
    }

    @POST
    @Path("/{id}/suppress")
    public void suppress(@PathParam("id") String id) {
        remotes.get(id).driver().suppress();
    }

    @POST
    @Path("/{id}/revive")
    public void revive(@PathParam("id") String id) {
        remotes.get(id).driver().revive();
    }

    @POST
    @Path("/{id}/teardown")
    public void teardown(@PathParam("id") String id) {
        remotes.get(id).driver().teardown();
        remotes.remove(id);
    }
}
