package dev.berth.core.pkg;

import dev.berth.core.spec.Violation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules across options that every database package needs and a JSON Schema cannot say, for a
 * package's {@code ServiceHooks.invalidOptions}: a JVM heap that leaves room in the task's memory, no
 * downgrade of a release in place, settings a running service cannot change. Each answers the
 * violation with the option it is about, or empty.
 */
public final class OptionRules {
    private OptionRules() {
    }

    /**
     * The heap must leave at least {@code offHeapMiB} of the task's memory for what the JVM needs
     * besides it (metaspace, code, thread stacks, direct buffers), or the kernel kills the task at its
     * memory limit.
     */
    public static Optional<Violation> heapFits(Map<String, Object> options, String heapKey, String memKey, long offHeapMiB) {
        Optional<Long> heap = number(options.get(heapKey));
        Optional<Long> mem = number(options.get(memKey));
        if (heap.isEmpty() || mem.isEmpty() || heap.get() + offHeapMiB <= mem.get()) {
            return Optional.empty();
        }
        String room = heap.get() >= mem.get() ? " MiB is not below " + memKey + " " + mem.get() + " MiB"
                : " MiB leaves " + (mem.get() - heap.get()) + " MiB of " + memKey + " " + mem.get() + " MiB besides the heap";
        return Optional.of(new Violation(heapKey, heap.get() + room + "; the JVM needs " + offHeapMiB
                + " MiB besides it: raise " + memKey + " to at least " + (heap.get() + offHeapMiB) + " or lower " + heapKey));
    }

    /** On an update, a release older than the running one is refused: {@code why} says what it would break. */
    public static Optional<Violation> noDowngrade(Map<String, Object> options, Optional<Map<String, Object>> current,
                                                  String key, String why) {
        Optional<ReleaseVersion> next = ReleaseVersion.of(options.get(key));
        Optional<ReleaseVersion> running = current.flatMap(c -> ReleaseVersion.of(c.get(key)));
        if (next.isPresent() && running.isPresent() && next.get().isOlderThan(running.get())) {
            return Optional.of(new Violation(key, next.get() + " is older than the running " + running.get() + "; " + why));
        }
        return Optional.empty();
    }

    /** On an update, a setting fixed at install may not change: {@code why} says what holds it. */
    public static Optional<Violation> unchanged(Map<String, Object> options, Optional<Map<String, Object>> current,
                                                String key, String why) {
        Object was = current.map(c -> c.get(key)).orElse(null);
        Object now = options.get(key);
        if (was != null && now != null && !Objects.equals(was.toString(), now.toString())) {
            return Optional.of(new Violation(key, "'" + was + "' -> '" + now + "': cannot change after install; " + why));
        }
        return Optional.empty();
    }

    /** An option's number, as the schema types it (Long) or as read back from JSON (Integer), or from text. */
    public static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
