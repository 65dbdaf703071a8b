package dev.berth.core.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which events a reader wants: of one service, and of one kind or family ({@code step} takes
 * {@code step.status}); empty means all.
 */
public record EventFilter(Optional<String> service, Optional<String> kind) {
    public static final EventFilter ALL = new EventFilter(Optional.empty(), Optional.empty());

    public EventFilter {
        service = service == null ? Optional.empty() : service.filter(s -> !s.isBlank());
        kind = kind == null ? Optional.empty() : kind.filter(k -> !k.isBlank());
    }

    public static EventFilter of(String service, String kind) {
        return new EventFilter(Optional.ofNullable(service), Optional.ofNullable(kind));
    }

    public boolean test(ClusterEvent e) {
        return service.map(s -> e.service().filter(s::equals).isPresent()).orElse(true)
                && kind.map(k -> isKindOrFamily(k, e.kind())).orElse(true);
    }

    /** Whether some event kind passes a filter on {@code kind}: a filter that passes nothing is a mistake. */
    public static boolean namesAKind(String kind) {
        return Arrays.stream(EventKind.values()).anyMatch(k -> isKindOrFamily(kind, k.wireName()));
    }

    private static boolean isKindOrFamily(String filter, String kind) {
        return kind.equals(filter) || kind.startsWith(filter + ".");
    }
}
