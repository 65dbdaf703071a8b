package dev.berth.core.api;

import dev.berth.core.access.Action;
import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventFilter;
import dev.berth.core.events.EventKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What changed in the cluster, newest last: {@code GET /v1/events} lists what this master's journal holds;
 * with {@code Accept: text/event-stream} it follows, from after {@code Last-Event-ID} (or {@code after}) on.
 * Both filter by {@code service} and {@code kind} (a kind such as {@code step.status}, or its family {@code step}).
 */
@Path("/v1/events")
public class EventsResource {
    @Inject
    EventChannel events;
    @Inject
    MasterHolder holder;

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Produces(MediaType.APPLICATION_JSON)
    public List<ClusterEvent> list(@QueryParam("service") String service, @QueryParam("kind") String kind,
                                   @QueryParam("after") String after) {
        holder.leader(); // a standby's journal is not the cluster's: it answers 503 with the leader, as elsewhere
        return events.journal().since(Optional.ofNullable(after).filter(a -> !a.isBlank()), filter(service, kind));
    }

    @GET
    @Authorize(Action.READ_CLUSTER)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void follow(@QueryParam("service") String service, @QueryParam("kind") String kind,
                       @QueryParam("after") String after, @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        holder.leader();
        EventFilter filter = filter(service, kind);
        Optional<String> resumeAfter = Optional.ofNullable(lastEventId).or(() -> Optional.ofNullable(after))
                .filter(a -> !a.isBlank());
        AtomicReference<AutoCloseable> following = new AtomicReference<>();
        following.set(events.journal().follow(resumeAfter, filter, e -> {
            if (sink.isClosed()) {
                stop(following.get());
                return;
            }
            sink.send(sse.newEventBuilder().id(e.id()).name(e.kind()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(ClusterEvent.class, e).build())
                    .whenComplete((sent, failed) -> {
                        if (failed != null) { // the reader went away
                            stop(following.get());
                        }
                    });
        }));
    }

    private static void stop(AutoCloseable following) {
        if (following != null) {
            try {
                following.close();
            } catch (Exception ignored) {
                // removing a follower does not fail
            }
        }
    }

    static EventFilter filter(String service, String kind) {
        if (kind != null && !kind.isBlank() && !EventFilter.namesAKind(kind)) {
            throw new IllegalArgumentException("kind: '" + kind + "' is not an event kind; kinds: "
                    + Arrays.stream(EventKind.values()).map(EventKind::wireName).collect(Collectors.joining(", "))
                    + " (or a family such as 'step')");
        }
        return EventFilter.of(service, kind);
    }
}
