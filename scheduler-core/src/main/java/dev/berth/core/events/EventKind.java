package dev.berth.core.events;

import java.util.Arrays;
import java.util.Optional;

/** What changed, as the event stream names it ({@code berth events --kind step.status}). */
public enum EventKind {
    AGENT_REGISTERED("agent.registered"),
    AGENT_UNREACHABLE("agent.unreachable"),
    AGENT_BACK("agent.back"),
    OPERATION_APPLIED("operation.applied"),
    OPERATION_REFUSED("operation.refused"),
    TASK_STATUS("task.status"),
    PLAN_STATUS("plan.status"),
    STEP_STATUS("step.status"),
    SERVICE_INSTALLED("service.installed"),
    SERVICE_UPDATED("service.updated"),
    SERVICE_UNINSTALLED("service.uninstalled"),
    ACCESS_DENIED("access.denied");

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventKind> ofWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
