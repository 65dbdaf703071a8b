package dev.berth.core.api;

import dev.berth.core.access.Authorizer;
import dev.berth.core.access.Action;
import dev.berth.core.protocol.FrameworkCalls;
import dev.berth.core.protocol.FrameworkEvent;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Sequenced;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
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

    /** The frameworks the master knows (their ids are no tokens: acting for one takes its principal's token). */
    @GET
    @Authorize(Action.READ_CLUSTER)
    public CompletionStage<List<FrameworkInfo>> list() {
        return holder.leader().frameworks();
    }

    @POST
    @CheckedBeyond("here, the framework's principal is the caller's; the master: register_framework on its role")
    public CompletionStage<FrameworkCalls.Registered> register(FrameworkInfo info, @Context SecurityContext caller) {
        String principal = AccessFilter.principal(caller);
        if (!info.principal().name().equals(principal)) {
            throw Authorizer.deny(principal, Action.REGISTER_FRAMEWORK, info.role().name(),
                    "a framework registers as its caller's principal, not as '" + info.principal() + "'");
        }
        return remotes.register(info);
    }

    @POST
    @Path("/{id}/events")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public CompletionStage<List<Sequenced<FrameworkEvent>>> events(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Poll poll) {
        holder.leader();
        long wait = Math.max(0, Math.min(poll.waitMs(), AgentProtocolResource.MAX_WAIT_MS));
        return remotes.get(id, AccessFilter.principal(caller)).poll(poll.session(), poll.confirmed(), Duration.ofMillis(wait), remotes.timer);
    }

    @POST
    @Path("/{id}/accept")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public CompletionStage<Void> accept(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Accept call) {
        return remotes.get(id, AccessFilter.principal(caller)).driver().accept(call.offerIds(), call.operations(), Duration.ofSeconds(call.refuseSeconds()));
    }

    @POST
    @Path("/{id}/decline")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void decline(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Decline call) {
        remotes.get(id, AccessFilter.principal(caller)).driver().decline(call.offerId(), Duration.ofSeconds(call.refuseSeconds()));
    }

    @POST
    @Path("/{id}/kill")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void kill(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Kill call) {
        remotes.get(id, AccessFilter.principal(caller)).driver().kill(call.taskId());
    }

    @POST
    @Path("/{id}/acknowledge")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void acknowledge(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Acknowledge call) {
        remotes.get(id, AccessFilter.principal(caller)).driver().acknowledge(call.taskId(), call.uuid());
    }

    @POST
    @Path("/{id}/reconcile")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void reconcile(@Context SecurityContext caller, @PathParam("id") String id, FrameworkCalls.Reconcile call) {
        remotes.get(id, AccessFilter.principal(caller)).driver().reconcile(call.taskIds() == null ? List.of() : call.taskIds());
    }

    @POST
    @Path("/{id}/suppress")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void suppress(@Context SecurityContext caller, @PathParam("id") String id) {
        remotes.get(id, AccessFilter.principal(caller)).driver().suppress();
    }

    @POST
    @Path("/{id}/revive")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void revive(@Context SecurityContext caller, @PathParam("id") String id) {
        remotes.get(id, AccessFilter.principal(caller)).driver().revive();
    }

    @POST
    @Path("/{id}/teardown")
    @CheckedBeyond("here: only the principal that registered the framework acts for it")
    public void teardown(@Context SecurityContext caller, @PathParam("id") String id) {
        remotes.get(id, AccessFilter.principal(caller)).driver().teardown();
        remotes.remove(id);
    }
}
