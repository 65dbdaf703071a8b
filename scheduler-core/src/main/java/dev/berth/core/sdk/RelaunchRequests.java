package dev.berth.core.sdk;

import java.util.HashSet;
import java.util.Set;

/**
 * The instances an operator asked to restart or replace that have not been launched again yet: they
 * are relaunched when their step runs (a replace on another agent), and what their old tasks do says
 * nothing about the step meanwhile. Confined to the service loop; in memory.
 */
final class RelaunchRequests {
    private final Set<String> restarts = new HashSet<>();
    private final Set<String> replaces = new HashSet<>();

    void restart(String instance) {
        restarts.add(instance);
    }

    void replace(String instance) {
        replaces.add(instance);
    }

    boolean replaceAsked(String instance) {
        return replaces.contains(instance);
    }

    /** True while the instance is to run again (restart or replace): what its tasks did before says nothing of it. */
    boolean rerunAsked(String instance) {
        return restarts.contains(instance) || replaces.contains(instance);
    }

    /** The instance was launched again: its restart or replace happened. */
    void relaunched(String instance) {
        restarts.remove(instance);
        replaces.remove(instance);
    }
}
