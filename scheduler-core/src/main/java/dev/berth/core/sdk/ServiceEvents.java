package dev.berth.core.sdk;

import dev.berth.core.events.ClusterEvent;
import dev.berth.core.events.EventKind;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskStatus;
import java.util.Map;
import java.util.Optional;

/** The events of a service's target and tasks (its plans': {@link PlanEvents}). */
final class ServiceEvents {
    private ServiceEvents() {
    }

    /** The service's target moved to another config; none when it is the same one. */
    static Optional<ClusterEvent.Draft> targetChanged(String service, ServiceTarget previous, ServiceTarget next) {
        if (previous.id().equals(next.id())) {
            return Optional.empty();
        }
        return Optional.of(ClusterEvent.Draft.of(EventKind.SERVICE_UPDATED, service, service,
                "config " + previous.id() + " → " + next.id() + " (" + next.packageName() + " " + next.packageVersion() + ")",
                Map.of("from", previous.id(), "to", next.id(), "package", next.packageName(),
                        "version", next.packageVersion())));
    }

    /** A task's state moved (or it has its first state); none when only its message or readiness changed. */
    static Optional<ClusterEvent.Draft> taskChanged(String service, TaskRecord before, TaskRecord after) {
        Optional<TaskStatus> was = before == null ? Optional.empty() : before.latest();
        return after.latest().filter(now -> was.map(w -> w.state() != now.state()).orElse(true)).map(now ->
                ClusterEvent.Draft.of(EventKind.TASK_STATUS, service, after.name(),
                        was.map(w -> w.state() + " → ").orElse("") + now.state()
                                + (now.message() == null || now.message().isEmpty() ? "" : ": " + now.message()),
                        Map.of("task", after.name(), "taskId", after.info().taskId(), "agent", after.info().agentId(),
                                "from", was.map(w -> w.state().name()).orElse(""), "to", now.state().name())));
    }
}
