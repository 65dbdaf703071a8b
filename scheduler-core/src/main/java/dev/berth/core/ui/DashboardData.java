package dev.berth.core.ui;

import dev.berth.core.access.Action;
import dev.berth.core.api.ClusterResource;
import dev.berth.core.api.EventsResource;
import dev.berth.core.api.MasterHolder;
import dev.berth.core.api.ServicesResource;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.protocol.ClusterViews;
import dev.berth.core.protocol.ServiceViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The dashboard's data, read through the REST API's own resources (the same code that answers
 * {@code GET /v1/agents}, {@code /v1/services/{svc}/plans}, {@code /v1/events}): the page shows what the API
 * says, and never more. Which parts a caller may see is decided before this is asked, by the access rules of
 * the dashboard's endpoints, and a service list is the one the API gives that caller.
 */
@ApplicationScoped
public class DashboardData {
    /** How many of the latest events the page lists. */
    static final int EVENTS_SHOWN = 40;

    @Inject
    ClusterResource cluster;
    @Inject
    ServicesResource services;
    @Inject
    EventsResource events;
    @Inject
    MasterHolder holder;

    private final Clock clock = Clock.systemUTC();

    Views.Header header(SecurityContext caller) {
        ClusterViews.LeaderView term = cluster.leader();
        return new Views.Header(caller.getUserPrincipal().getName(), term.url(), term.epoch());
    }

    /** Each agent with its bars, reservations and volumes, in the API's order (by hostname). */
    CompletionStage<List<Views.AgentCard>> agents() {
        CompletionStage<List<ClusterViews.ReservationRow>> reservations = cluster.reservations();
        CompletionStage<List<ClusterViews.VolumeRow>> volumes = cluster.volumes();
        return cluster.agents().thenCompose(agents -> reservations.thenCombine(volumes, (r, v) -> cards(agents, r, v)));
    }

    static List<Views.AgentCard> cards(List<ClusterViews.AgentRow> agents, List<ClusterViews.ReservationRow> reservations,
                                       List<ClusterViews.VolumeRow> volumes) {
        List<Views.AgentCard> cards = new ArrayList<>();
        for (ClusterViews.AgentRow a : agents) {
            cards.add(new Views.AgentCard(a, a.usage().stream().map(Bar::of).toList(),
                    reservations.stream().filter(r -> r.agentId().equals(a.id())).toList(),
                    volumes.stream().filter(v -> v.agentId().equals(a.id()))
                            .map(v -> new Views.VolumeLine(v, size(v.usedBytes()))).toList()));
        }
        return cards;
    }

    /** The services this caller may read (the API's list filters them), each with its plans and pods. */
    List<Views.ServicePanel> services(SecurityContext caller) {
        return services.list(caller).stream().map(row -> panel(row, caller)).toList();
    }

    /** One service's panel; 404 when there is no such service (or no longer). */
    Views.ServicePanel panel(String svc, SecurityContext caller) {
        return services.list(caller).stream().filter(s -> s.name().equals(svc)).findFirst().map(row -> panel(row, caller))
                .orElseThrow(() -> new NotFoundException("no service '" + svc + "'"));
    }

    private Views.ServicePanel panel(ServiceViews.ServiceRow row, SecurityContext caller) {
        Instant now = clock.instant();
        Map<String, Instant> told = lastTold(row.name());
        List<Views.PlanCard> plans = services.plans(row.name()).stream().map(p -> plan(p, told, now)).toList();
        List<Views.PodLine> pods = services.pods(row.name()).stream().map(p -> new Views.PodLine(p,
                p.tasks().stream().map(t -> new Views.TaskLine(t, logsPath(t.taskId()))).toList())).toList();
        // the buttons only for who may press them; the action's own endpoint checks again, as for any request
        boolean mayAct = holder.authorizer().map(a -> a.allows(caller.getUserPrincipal().getName(), Action.PLAN_ACTION,
                row.name())).orElse(false);
        return new Views.ServicePanel(row, plans, pods, mayAct);
    }

    /**
     * When each step of the service ({@code plan/phase/step}) was last told of in the event stream: when its status
     * moved, or when it first said why it waits, which a step's own time does not record (it changes with the
     * status only, and a step that has waited since its plan began has none).
     */
    private Map<String, Instant> lastTold(String svc) {
        Map<String, Instant> told = new HashMap<>();
        events.list(svc, EventKind.STEP_STATUS.wireName(), null).forEach(e -> told.put(e.subject(), e.time()));
        return told;
    }

    static Views.PlanCard plan(ServiceViews.PlanView p, Map<String, Instant> told, Instant now) {
        return new Views.PlanCard(p, p.phases().stream().map(ph -> new Views.PhaseCard(ph, ph.steps().stream()
                .map(s -> step(s, Optional.ofNullable(told.get(p.name() + "/" + ph.name() + "/" + s.name())), now))
                .toList())).toList());
    }

    /**
     * As {@code berth plan show}: a step that is not complete says why it waits, and since when: since the
     * event that last told of it, else since its status last moved, if it ever did.
     */
    static Views.StepLine step(ServiceViews.StepView s, Optional<Instant> told, Instant now) {
        if (s.status().equals("COMPLETE")) {
            return new Views.StepLine(s, "", "");
        }
        Optional<Instant> since = told.or(() -> Optional.ofNullable(s.updated()).filter(t -> !t.equals(Instant.EPOCH)));
        return new Views.StepLine(s, s.message() == null ? "" : s.message(), since.map(t -> Ages.since(t, now)).orElse(""));
    }

    /** Where a task's logs are shown; the id is one path segment however it is spelled. */
    static String logsPath(String taskId) {
        return "/ui/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20") + "/logs";
    }

    /** The latest events, newest first. */
    List<Views.EventLine> events() {
        List<ClusterEvent> all = events.list(null, null, null);
        List<ClusterEvent> latest = new ArrayList<>(all.subList(Math.max(0, all.size() - EVENTS_SHOWN), all.size()));
        Collections.reverse(latest);
        return latest.stream().map(e -> new Views.EventLine(e.id(), Ages.time(e.time()), e.kind(),
                e.service().orElse("-"), e.subject(), e.message())).toList();
    }

    /**
     * The event stream the page follows, from after the newest event it was rendered with, so it misses nothing
     * between rendering and connecting and replays nothing before.
     */
    static String streamUrl(List<Views.EventLine> newestFirst) {
        return newestFirst.isEmpty() ? "/v1/events" : "/v1/events?after="
                + URLEncoder.encode(newestFirst.get(0).id(), StandardCharsets.UTF_8);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "not measured yet";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
