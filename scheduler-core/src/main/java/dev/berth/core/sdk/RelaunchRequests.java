package dev.berth.core.sdk;

/**
 * The instances an operator asked to restart or replace that have not been launched again yet: they
 * are relaunched when their step runs (a replace on another agent), and what their old tasks do says
 * nothing about the step meanwhile. Kept in the service's {@link IntentBook}, so a request survives a
 * scheduler restart or a master failover. Confined to the service loop.
 */
final class RelaunchRequests {
    private final IntentBook intents;

    RelaunchRequests(IntentBook intents) {
        this.intents = intents;
    }

    void restart(String instance) {
        intents.update(instance, i -> i.withRestart(true));
    }

    void replace(String instance) {
        intents.update(instance, i -> i.withReplace(true));
    }

    boolean replaceAsked(String instance) {
        return intents.of(instance).replace();
    }

    /** True while the instance is to run again (restart or replace): what its tasks did before says nothing of it. */
    boolean rerunAsked(String instance) {
        return intents.of(instance).restart() || intents.of(instance).replace();
    }

    /** The instance was launched again: its restart or replace happened. */
    void relaunched(String instance) {
        intents.update(instance, i -> i.withRestart(false).withReplace(false));
    }
}
