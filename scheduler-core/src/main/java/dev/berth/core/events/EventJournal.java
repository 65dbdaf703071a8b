package dev.berth.core.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The latest events of this master, in order, in a bounded buffer, and the readers that follow them live. A
 * reader that comes back with the id of the last event it saw ({@code Last-Event-ID}) gets what came after
 * it; one whose id this journal does not know (another master's, or one that fell out of the buffer) gets
 * the whole buffer, so it may see an event twice but misses none the buffer still holds.
 */
public final class EventJournal implements EventSink {
    private final int capacity;
    private final Clock clock;
    /** Ids are {@code <prefix>-<sequence>}; the prefix tells this journal's ids from another master's. */
    private final String prefix;
    private final Deque<ClusterEvent> buffer = new ArrayDeque<>();
    private final List<Consumer<ClusterEvent>> followers = new CopyOnWriteArrayList<>();
    private long sequence;

    public EventJournal(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " is not allowed; at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
        this.prefix = Long.toString(clock.millis(), 36);
    }

    /** Stamps the event with its id and time and appends it; followers get it at once. */
    @Override
    public synchronized void publish(ClusterEvent.Draft draft) {
        append(stamp(draft));
    }

    /** The event with the next id of this journal and the time now, for a channel that appends it later. */
    public synchronized ClusterEvent stamp(ClusterEvent.Draft draft) {
        return new ClusterEvent(prefix + "-" + (++sequence), clock.instant(), draft.kind().wireName(), draft.service(),
                draft.subject(), draft.message(), draft.details());
    }

    /** Appends an event stamped elsewhere (the event channel stamps before it sends). */
    public synchronized void append(ClusterEvent event) {
        buffer.addLast(event);
        while (buffer.size() > capacity) {
            buffer.removeFirst();
        }
        for (Consumer<ClusterEvent> f : followers) {
            f.accept(event);
        }
    }

    /** The events after {@code lastId} (all the buffer holds when empty or unknown) that pass the filter. */
    public synchronized List<ClusterEvent> since(Optional<String> lastId, EventFilter filter) {
        List<ClusterEvent> out = new ArrayList<>();
        boolean after = lastId.isEmpty() || buffer.stream().noneMatch(e -> e.id().equals(lastId.get()));
        for (ClusterEvent e : buffer) {
            if (after && filter.test(e)) {
                out.add(e);
            }
            if (!after && e.id().equals(lastId.get())) {
                after = true;
            }
        }
        return out;
    }

    /**
     * Hands {@code follower} the events after {@code lastId} and then every new one that passes the filter, with
     * none missed or repeated between the two; closing the answer stops it.
     */
    public synchronized AutoCloseable follow(Optional<String> lastId, EventFilter filter, Consumer<ClusterEvent> follower) {
        since(lastId, filter).forEach(follower);
        Consumer<ClusterEvent> filtered = e -> {
            if (filter.test(e)) {
                follower.accept(e);
            }
        };
        followers.add(filtered);
        return () -> followers.remove(filtered);
    }
}
