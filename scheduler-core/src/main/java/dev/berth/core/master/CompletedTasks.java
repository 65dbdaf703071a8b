package dev.berth.core.master;

import dev.berth.core.state.RegistryChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Removes ended tasks from the master and its registry under the {@link TaskRetention}, so a task that
 * crash-loops (a new task id per launch) cannot grow either without bound. A task is completed once it is
 * terminal and its framework has acknowledged every update of it, or once its framework is gone (torn
 * down): nobody will acknowledge or reconcile it then, so it leaves at once. An update not acknowledged
 * keeps its task: the framework must hear how it ended. The retention clock starts when the master sees a
 * task completed (after a failover: when the new master first looks), never earlier, so a framework that
 * reconciles after a failover still finds its recent tasks. Runs on the master's loop.
 */
final class CompletedTasks {
    private static final Logger LOG = Logger.getLogger(CompletedTasks.class);
    /** Deletes per registry transaction: well under ZooKeeper's 1 MiB request limit. */
    private static final int BATCH = 200;

    private final MasterState state;

    CompletedTasks(MasterState state) {
        this.state = state;
    }

    /** Forgets the completed tasks past their age, and the oldest beyond the count of each framework. */
    void sweep() {
        Instant now = state.clock.instant();
        TaskRetention retention = state.config.completedTasks();
        Map<String, List<MasterTask>> completedByFramework = new LinkedHashMap<>();
        List<MasterTask> leaving = new ArrayList<>();
        for (MasterTask t : state.tasks.values()) {
            if (!t.latest.state().isTerminal()) {
                continue;
            }
            if (!state.frameworks.containsKey(t.frameworkId)) {
                leaving.add(t);
                continue;
            }
            if (!t.unacknowledged.isEmpty()) {
                continue;
            }
            if (t.completedAt == null) {
                t.completedAt = now;
            }
            if (!t.completedAt.plus(retention.age()).isAfter(now)) {
                leaving.add(t);
            } else {
                completedByFramework.computeIfAbsent(t.frameworkId, k -> new ArrayList<>()).add(t);
            }
        }
        for (List<MasterTask> kept : completedByFramework.values()) {
            // launch order breaks ties: the map keeps it and the sort is stable
            kept.sort(Comparator.comparing(t -> t.completedAt));
            leaving.addAll(kept.subList(0, Math.max(0, kept.size() - retention.maxPerFramework())));
        }
        for (int from = 0; from < leaving.size(); from += BATCH) {
            List<MasterTask> batch = leaving.subList(from, Math.min(leaving.size(), from + BATCH));
            RegistryChange change = new RegistryChange();
            batch.forEach(t -> change.removeTask(t.info.taskId()));
            state.registry.commit(change); // durable first: a failed write keeps the tasks for the next sweep
            batch.forEach(t -> state.tasks.remove(t.info.taskId()));
        }
        if (!leaving.isEmpty()) {
            LOG.debugf("forgot %d completed tasks; %d tasks kept", leaving.size(), state.tasks.size());
        }
    }
}
