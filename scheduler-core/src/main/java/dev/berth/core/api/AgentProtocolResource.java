package dev.berth.core.api;

import dev.berth.core.master.Master;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentPoll;
import dev.berth.core.protocol.AgentRegistered;
import dev.berth.core.protocol.AgentRegistration;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.TaskFileAnswer;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.reservations.Resources;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The agent protocol, JSON over HTTP, so an agent on another host works the same as a local one.
 * See docs/agent-protocol.md.
 */
@Path("/v1/agent")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentProtocolResource {
    /** Long polls wait at most this long, so proxies and clients never time out first. */
    static final long MAX_WAIT_MS = 30_000;

    @Inject
    MasterHolder holder;

    @POST
    @Path("/register")
    @CheckedBeyond("the master: register_agent on the agent id, and an id stays bound to the principal that registered it")
    public CompletionStage<AgentRegistered> register(AgentRegistration r, @Context SecurityContext caller) {
        AgentInfo declared = new AgentInfo(r.agentId().orElse("-"), r.hostname(), r.ip(), Resources.parse(r.resources()),
                r.attributes());
        return holder.leader().registerAgent(AccessFilter.principal(caller), r.agentId(), declared, r.tasks(), r.volumes());
    }

    @POST
    @Path("/{agentId}/poll")
    @CheckedBeyond("the master: only the agent's bound principal polls its commands")
    public CompletionStage<AgentPoll.Answer> poll(@PathParam("agentId") String agentId, AgentPoll poll,
                                                  @Context SecurityContext caller) {
        long wait = Math.max(0, Math.min(poll.waitMs(), MAX_WAIT_MS));
        Master master = holder.leader();
        return master.pollCommands(AccessFilter.principal(caller), agentId, poll.confirmed(), Duration.ofMillis(wait))
                .thenApply(c -> new AgentPoll.Answer(c.isPresent(), c.orElse(java.util.List.of()), master.epoch()));
    }

    @POST
    @Path("/{agentId}/usage")
    @CheckedBeyond("the master: only the agent's bound principal reports its usage")
    public CompletionStage<Void> usage(@PathParam("agentId") String agentId, AgentUsage usage,
                                       @Context SecurityContext caller) {
        return holder.leader().usageFromAgent(AccessFilter.principal(caller), agentId, usage);
    }

    @POST
    @Path("/{agentId}/files/{requestId}")
    @CheckedBeyond("the master: only the agent's bound principal answers, and only a read sent to that agent")
    public CompletionStage<Void> file(@PathParam("agentId") String agentId, @PathParam("requestId") String requestId,
                                      TaskFileAnswer answer, @Context SecurityContext caller) {
        return holder.leader().fileFromAgent(AccessFilter.principal(caller), agentId, requestId, answer);
    }

    @POST
    @Path("/{agentId}/status")
    @CheckedBeyond("the master: only the agent's bound principal, and only for a task on that agent")
    public CompletionStage<Void> status(@PathParam("agentId") String agentId, TaskStatus status,
                                        @Context SecurityContext caller) {
        return holder.leader().statusFromAgent(AccessFilter.principal(caller), agentId, status);
    }
}
