package dev.berth.core.master;

import java.time.Duration;

/**
 * How long the master keeps a task that ended, in memory and in its registry. A terminal task whose
 * updates its framework acknowledged is kept for {@code age} (for {@code berth tasks} and reconciliation),
 * and at most {@code maxPerFramework} of them per framework, the oldest leaving first. Both bounds are
 * needed: the age alone lets a task that crash-loops fill ZooKeeper within it, the count alone keeps a
 * quiet service's history forever. Mesos bounds its registry the same way ({@code registry_max_agent_age}
 * and {@code registry_max_agent_count}) and its completed tasks by {@code max_completed_tasks_per_framework}.
 */
public record TaskRetention(Duration age, int maxPerFramework) {
    public static final TaskRetention DEFAULTS = new TaskRetention(Duration.ofHours(1), 100);

    public TaskRetention {
        if (age == null || age.isNegative()) {
            throw new IllegalArgumentException("completed task retention: '" + age
                    + "' is not valid; expected a duration of 0 or more, such as 1h");
        }
        if (maxPerFramework < 0) {
            throw new IllegalArgumentException("max completed tasks per framework: '" + maxPerFramework
                    + "' is not valid; expected 0 or more, such as 100");
        }
    }
}
