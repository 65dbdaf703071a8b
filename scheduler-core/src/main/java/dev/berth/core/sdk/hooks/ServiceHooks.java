package dev.berth.core.sdk.hooks;

import dev.berth.core.spec.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a package adds in Java to the agent's checks, for what only the database itself can tell:
 * whether an instance is really ready (a Kafka broker registered and its partitions in sync), and
 * whether it may be stopped now without losing anything (no partition would fall under its
 * min.insync.replicas). A package names its hooks class in {@code package.yaml}.
 *
 * <p>Hooks may be slow (they talk to the database): the scheduler calls them off its own thread, with
 * a timeout, and acts on their latest {@link Verdict}: {@link Verdict.Ready} when all is well, else
 * {@link Verdict.Wait} with the reason, which the waiting step shows.
 */
public interface ServiceHooks {
    ServiceHooks NONE = new ServiceHooks() {
    };

    /** Ready when the instance is ready for the service (its readiness checks passed already). */
    default Verdict ready(HookContext context, String podInstance) throws Exception {
        return Verdict.ready();
    }

    /** Ready when the instance may be stopped now (a rolling update, a restart); else what blocks it. */
    default Verdict mayStop(HookContext context, String podInstance) throws Exception {
        return Verdict.ready();
    }

    /**
     * Ready when the instance may roll in its turn; else why it should wait for the other instances of
     * its phase still to roll: Kafka's active controller goes last, so a rolling update moves the
     * controller leadership once, not with every broker. Asked of serial phases, before a stop.
     */
    default Verdict rollsInTurn(HookContext context, String podInstance) throws Exception {
        return Verdict.ready();
    }

    /**
     * Rules across options that a JSON Schema cannot say (a heap below the memory, seeds no more than
     * the nodes): every rule broken, with the option it is about; empty when the options are fine.
     * {@code current} holds the running service's options on an update, and is empty on install.
     * Called before anything is stored, so a refusal changes nothing. Must be quick and local.
     */
    default List<Violation> invalidOptions(Map<String, Object> options, Optional<Map<String, Object>> current) {
        return List.of();
    }

    /**
     * Rules on an update that only the running database can check, such as a Kafka scale-down to fewer
     * brokers than a topic's replication factor: every rule broken, with the option it is about; empty when
     * the update is fine. Asked after {@link #invalidOptions} and before anything is stored, with the
     * running service as {@code current} shows it and the update's options {@code next}; it may ask the
     * database, within the hook timeout. A call that throws or does not answer in time lets the update
     * through (and is logged), so what the rule protects is also checked where the change is carried out
     * ({@link #decommission}): the database may change after the update was accepted anyway.
     */
    default List<Violation> invalidUpdate(HookContext current, Map<String, Object> next) throws Exception {
        return List.of();
    }

    /**
     * Values the package computes for its config templates, seen there as {@code {{package.NAME}}}:
     * what a logic-less template cannot say, such as whether this instance is one of the first three
     * (a Kafka controller) or a replication factor bounded by the broker count. {@code context} is
     * what the templates see (options, {@code pod.index}, …), typed. Must be quick, local, and depend on
     * nothing but {@code context}: the same context always gives the same values.
     */
    default Map<String, Object> templateValues(TemplateInput context) {
        return Map.of();
    }

    /**
     * Steps the deploy plan ends with, after every instance is deployed: actions the package performs
     * itself ({@link #runAction}), such as replacing a database's well-known default superuser with one
     * whose password is the service's secret. Quick and local.
     */
    default List<PackageAction> deployActions(Map<String, Object> options) {
        return List.of();
    }

    /**
     * Steps the update plan from {@code before} to {@code after} (both options) ends with, after its
     * rolling phases: actions the package performs itself ({@link #runAction}). Quick and local.
     */
    default List<PackageAction> updateActions(Map<String, Object> before, Map<String, Object> after) {
        return List.of();
    }

    /**
     * Performs (or goes on with) an action of {@link #updateActions}: ready when it is done, else what it
     * is waiting for. Called again until done, so it must be idempotent: the second call of a finished
     * reassignment finds nothing to do. Work that outlasts the hook timeout runs as a {@link HookJobs}
     * job ({@link InstanceByInstance} for one instance after the other) that each call asks about.
     */
    default Verdict runAction(HookContext context, String action) throws Exception {
        return Verdict.ready();
    }

    /**
     * Takes a running instance out of the database before a scale-down stops it and destroys its volume
     * (Cassandra's decommission streams its data to the other nodes): ready once it has left, else what
     * it waits for. Called again until done, so it must be idempotent and may start the work in the
     * background ({@link HookJobs}); a call must return within the hook timeout.
     */
    default Verdict decommission(HookContext context, String podInstance) throws Exception {
        return Verdict.ready();
    }

    /**
     * What the package shows of its own beyond Berth's views, read by
     * {@code GET /v1/services/{svc}/package/{resource}[/{item}]} (Cassandra's backups and their manifests):
     * a value the API writes as JSON, or empty when the package has no such resource or item. Called on
     * the API's thread, not the scheduler's; it may read a store, but should answer within seconds.
     */
    default Optional<Object> read(HookContext context, String resource, Optional<String> item) throws Exception {
        return Optional.empty();
    }

    /**
     * What stands in the way of starting {@code plan} with {@code parameters} (defaults filled in) now that
     * only the package can see, each problem named (a restore whose backup does not fit the ring); empty
     * when it may start. Asked on the API's thread before the start is stored, so a refusal changes
     * nothing; it may ask the database, but should answer within seconds.
     */
    default List<String> refuseStart(HookContext context, String plan, Map<String, String> parameters) throws Exception {
        return List.of();
    }

    /**
     * The service is uninstalled or its scheduler stops: the hooks let go of what they keep between
     * calls (clients to the database, with their threads). No hook is called after.
     */
    default void close() {
    }
}
