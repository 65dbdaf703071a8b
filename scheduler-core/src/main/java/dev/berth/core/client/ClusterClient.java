package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.FrameworkInfo;
import java.util.List;

/** The cluster as the master sees it: agents, reservations, volumes, tasks and frameworks. */
public final class ClusterClient {
    private final ApiCalls calls;

    ClusterClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/agents}: each agent's address, state, resources, reserved and free. */
    /** The leading master's term: its URL, epoch, and since when it leads. */
    public ClusterViews.LeaderView leader() {
        return calls.get(ApiPath.v1("leader"), ClusterViews.LeaderView.class);
    }

    public List<ClusterViews.AgentRow> agents() {
        return calls.get(ApiPath.v1("agents"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/reservations}: what each role has reserved on each agent, by resource id. */
    public List<ClusterViews.ReservationRow> reservations() {
        return calls.get(ApiPath.v1("reservations"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/volumes}: the persistent volumes and the tasks using them. */
    public List<ClusterViews.VolumeRow> volumes() {
        return calls.get(ApiPath.v1("volumes"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/tasks}: every task with its latest state. */
    public List<ClusterViews.TaskRow> tasks() {
        return calls.get(ApiPath.v1("tasks"), new TypeReference<>() {
        });
    }

    /** {@code GET /v1/frameworks}: the registered frameworks. */
    public List<FrameworkInfo> frameworks() {
        return calls.get(ApiPath.v1("frameworks"), new TypeReference<>() {
        });
    }
}
