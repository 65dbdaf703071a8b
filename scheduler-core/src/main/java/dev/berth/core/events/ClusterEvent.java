package dev.berth.core.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A change of durable state, told after it was written: an agent registered, a step of a plan moved, a
 * service's target changed. The registry and the state stores stay the truth; events say what changed,
 * when, and why, to whoever watches ({@code GET /v1/events}, {@code berth events --follow}).
 *
 * @param id      {@code <epoch>-<sequence>}: increasing within a leader's term; a reader resumes after it
 * @param kind    {@link EventKind#wireName()}, such as {@code step.status}
 * @param service the service it concerns, if any
 * @param subject what changed: an agent id, a task name, {@code plan/phase/step}
 * @param message what an operator reads, such as {@code STARTED → COMPLETE} or why a step waits
 * @param details the same as fields (for example {@code from}, {@code to}, {@code reason})
 */
public record ClusterEvent(String id, Instant time, String kind, Optional<String> service, String subject,
                           String message, Map<String, String> details) {
    public ClusterEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        service = service == null ? Optional.empty() : service;
        subject = subject == null ? "" : subject;
        message = message == null ? "" : message;
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** What a producer says; the journal gives it its id and time. */
    public record Draft(EventKind kind, Optional<String> service, String subject, String message,
                        Map<String, String> details) {
        public Draft {
            Objects.requireNonNull(kind, "kind");
            service = service == null ? Optional.empty() : service;
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public static Draft of(EventKind kind, String service, String subject, String message, Map<String, String> details) {
            return new Draft(kind, Optional.ofNullable(service), subject, message, details);
        }
    }
}
