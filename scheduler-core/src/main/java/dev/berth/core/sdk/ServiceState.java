package dev.berth.core.sdk;

import dev.berth.core.events.EventSink;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Step;
import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.PodInstanceId;
import dev.berth.core.sdk.offer.PlacedInstances;
import dev.berth.core.sdk.state.StateStore;
import dev.berth.core.spec.GoalState;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.TaskSpec;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;
import java.util.function.UnaryOperator;

/**
 * A service's durable state as its scheduler works on it: the target config, the pod instances' homes,
 * the tasks and the plans. Every write goes to the {@link StateStore} first and to memory after, so a
 * restarted scheduler finds what this one decided. Confined to the service loop; other threads read
 * the {@link ServiceSnapshot} it publishes after each piece of work.
 */
final class ServiceState {
    private final String name;
    private final StateStore store;
    private ServiceTarget target;
    // Persistent maps: a change shares all but one path with the map before it, so the snapshot published
    // after each piece of work takes them as they are instead of copying a large service's records.
    private PSortedMap<String, PodInstanceRecord> pods = TreePMap.empty();
    private PSortedMap<String, TaskRecord> tasks = TreePMap.empty();
    private PSortedMap<String, Plan> plans = TreePMap.empty();
    /** Task name by the id of its latest launch: status updates name the id. */
    private PMap<String, String> taskNames = HashTreePMap.empty();
    /** The pods with a home, indexed for placement and endpoints; kept with {@code pods} and the target. */
    private PlacedInstances placed;
    private boolean changed = true;
    private volatile ServiceSnapshot snapshot;
    /** Told of each change after its durable write. */
    private final EventSink events;

    ServiceState(String name, StateStore store) {
        this(name, store, EventSink.NONE);
    }

    ServiceState(String name, StateStore store, EventSink events) {
        this.name = name;
        this.store = store;
        this.events = events;
        this.target = store.target().orElseThrow(() -> new IllegalStateException("service " + name + " has no config"));
        pods = TreePMap.from(store.podInstances());
        placed = PlacedInstances.of(target.spec(), pods.values());
        tasks = TreePMap.from(store.tasks());
        tasks.values().forEach(t -> taskNames = taskNames.plus(t.info().taskId(), t.name()));
        plans = TreePMap.from(store.plans());
        publish();
    }

    String name() {
        return name;
    }

    ServiceTarget target() {
        return target;
    }

    Optional<PodInstanceRecord> pod(String instance) {
        return Optional.ofNullable(pods.get(instance));
    }

    Collection<PodInstanceRecord> pods() {
        return java.util.Collections.unmodifiableCollection(pods.values());
    }

    Optional<TaskRecord> task(String taskName) {
        return Optional.ofNullable(tasks.get(taskName));
    }

    Collection<TaskRecord> tasks() {
        return java.util.Collections.unmodifiableCollection(tasks.values());
    }

    /** The task whose latest launch has this id; empty for a task of an earlier launch, or not of this service. */
    Optional<TaskRecord> taskById(String taskId) {
        return Optional.ofNullable(taskNames.get(taskId)).map(tasks::get);
    }

    Optional<Plan> plan(String planName) {
        return Optional.ofNullable(plans.get(planName));
    }

    Map<String, Plan> plans() {
        return java.util.Collections.unmodifiableMap(plans);
    }

    /** The pod spec of an instance of the target (empty for a name no pod of the target has). */
    Optional<PodSpec> podSpec(String instance) {
        return PodInstanceId.parse(instance).flatMap(id -> target.spec().pod(id.podType()));
    }

    /** What the task is meant to do: run (a server), or finish (a repair); RUNNING for a task the spec lost. */
    GoalState goal(TaskRecord task) {
        return podSpec(task.podInstance()).flatMap(p -> p.task(task.task())).map(TaskSpec::goal).orElse(GoalState.RUNNING);
    }

    /** Changes the step {@code step} of plan {@code planName}, durably, when the change changes anything. */
    void updateStep(String planName, Step step, UnaryOperator<Step> change) {
        Plan p = plans.get(planName);
        if (p == null) {
            return;
        }
        Plan next = p.mapSteps(s -> s.name().equals(step.name()) && s.podInstance().equals(step.podInstance())
                ? change.apply(s) : s);
        if (!next.equals(p)) {
            savePlan(next);
        }
    }

    /** The service's endpoints as its instances are placed now. */
    Endpoints endpoints() {
        return new Endpoints(placed.endpoints());
    }

    /** The pod instances that have a home now, as placement rules and launch requests read them. */
    PlacedInstances placed() {
        return placed;
    }

    /** What the package's hooks see of the service now: a copy, safe to hand to their threads. */
    HookContext hookContext() {
        return new HookContext(target, pods, tasks, endpoints(), store.secrets(), ServiceTls.trusted(target.spec(), store));
    }

    void storeFrameworkId(String frameworkId) {
        store.storeFrameworkId(frameworkId);
    }

    void saveTarget(ServiceTarget next) {
        store.storeConfig(next);
        ServiceTarget previous = target;
        target = next;
        placed = PlacedInstances.of(next.spec(), pods.values());
        changed = true;
        ServiceEvents.targetChanged(name, previous, next).ifPresent(events::publish);
    }

    void savePlan(Plan p) {
        store.storePlan(p);
        Optional<Plan> before = Optional.ofNullable(plans.get(p.name()));
        plans = plans.plus(p.name(), p);
        changed = true;
        PlanEvents.of(name, before, p).forEach(events::publish);
    }

    void savePod(PodInstanceRecord p) {
        store.storePodInstance(p);
        pods = pods.plus(p.name(), p);
        placed = placed.with(p);
        changed = true;
    }

    void removePod(String instance) {
        store.removePodInstance(instance);
        pods = pods.minus(instance);
        placed = placed.without(instance);
        changed = true;
    }

    void saveTask(TaskRecord r) {
        store.storeTask(r);
        TaskRecord before = tasks.get(r.name());
        if (before != null) {
            taskNames = taskNames.minus(before.info().taskId());
        }
        tasks = tasks.plus(r.name(), r);
        taskNames = taskNames.plus(r.info().taskId(), r.name());
        changed = true;
        ServiceEvents.taskChanged(name, before, r).ifPresent(events::publish);
    }

    void removeTask(String taskName) {
        store.removeTask(taskName);
        TaskRecord before = tasks.get(taskName);
        if (before != null) {
            taskNames = taskNames.minus(before.info().taskId());
        }
        tasks = tasks.minus(taskName);
        changed = true;
    }

    /** Removes everything of the service from the store (the end of an uninstall). */
    void clear() {
        store.clear();
    }

    /** Makes what changed since the last call visible to {@link #snapshot()} readers, all at once. */
    void publish() {
        if (changed) {
            snapshot = new ServiceSnapshot(name, target, plans, pods, tasks);
            changed = false;
        }
    }

    ServiceSnapshot snapshot() {
        return snapshot;
    }
}
