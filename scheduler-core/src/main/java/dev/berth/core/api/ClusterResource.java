package dev.berth.core.api;

import dev.berth.core.access.Action;
import dev.berth.core.protocol.ClusterViews;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The cluster as SREs look at it: agents, reservations, volumes, tasks (frameworks: FrameworkResource). */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    @Inject
    MasterHolder holder;

    /** Which master leads, in which epoch, since when: what an SRE asks first after a failover. */
    @GET
    @Authorize(Action.READ_CLUSTER)
    @Path("/leader")
    public ClusterViews.LeaderView leader() {
        return holder.term();
    }

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Path("/agents")
    public CompletionStage<List<ClusterViews.AgentRow>> agents() {
        return holder.leader().agents().thenApply(ClusterViewMapping::agents);
    }

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Path("/reservations")
    public CompletionStage<List<ClusterViews.ReservationRow>> reservations() {
        return holder.leader().agents().thenApply(ClusterViewMapping::reservations);
    }

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Path("/volumes")
    public CompletionStage<List<ClusterViews.VolumeRow>> volumes() {
        return holder.leader().agents().thenApply(ClusterViewMapping::volumes);
    }

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Path("/tasks")
    public CompletionStage<List<ClusterViews.TaskRow>> tasks() {
        return holder.leader().tasks().thenApply(ClusterViewMapping::tasks);
    }
}
