package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.json.BerthJson;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.FrameworkInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The cluster as the master sees it: agents, reservations, volumes, tasks and frameworks. */
public final class ClusterClient {
    private final ApiCalls calls;

    ClusterClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** The leading master's term: its URL, epoch, and since when it leads. */
    public ClusterViews.LeaderView leader() {
        return calls.get(ApiPath.v1("leader"), ClusterViews.LeaderView.class);
    }

    /** {@code GET /v1/agents}: each agent's address, state, resources, reserved and free. */
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

    /** {@code GET /v1/events}: what changed, oldest first, as the leader's journal holds it. */
    public List<ClusterEvent> events(Optional<String> service, Optional<String> kind) {
        return calls.get(ApiPath.v1("events").query("service", service).query("kind", kind), new TypeReference<>() {
        });
    }

    /**
     * Follows the events as they come ({@code GET /v1/events} as a server-sent event stream), first those the
     * journal holds. When the master goes away (a failover) it reconnects to whichever master leads, resuming
     * after the last event it saw; it gives up when no master has answered for {@link #FOLLOW_PATIENCE}.
     * Returns only when interrupted.
     */
    public void followEvents(Optional<String> service, Optional<String> kind, Consumer<ClusterEvent> each) {
        calls.follow(ApiPath.v1("events").query("service", service).query("kind", kind), Optional.empty(), e -> {
            each.accept(BerthJson.fromBytes(e.data().getBytes(StandardCharsets.UTF_8), ClusterEvent.class));
            return true;
        });
    }

    /** How long {@link #followEvents} tries to reconnect when no master answers. */
    public static final Duration FOLLOW_PATIENCE = ApiCalls.FOLLOW_PATIENCE;
}
