package dev.berth.cassandra;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.Endpoints;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's nodes as the hooks see them: every instance that has a home, with its JMX port read
 * from its own reservation (the endpoint lists skip instances without a home, so a position in them
 * is not an instance index) and the state of its server task as Berth last heard it.
 */
final class RingNodes {
    static final String JMX_ENDPOINT = "jmx";

    private RingNodes() {
    }

    /** Nodes in instance order (node-0 first: the seeds lead). */
    static List<RingNode> of(HookContext context) {
        List<RingNode> out = new ArrayList<>();
        Optional<Login> login = Login.of(context);
        for (PodInstanceRecord home : context.pods().values()) {
            if (!home.hasHome()) {
                continue;
            }
            Optional<PodSpec> pod = context.target().spec().pod(home.podType());
            if (pod.isEmpty()) {
                continue;
            }
            for (TaskSpec task : pod.get().tasks()) {
                jmxPort(task, home).ifPresent(port -> out.add(new RingNode(home.name(), home.index(), home.ip(), port,
                        trouble(context.tasks().get(home.name() + "-" + task.name())), login)));
            }
        }
        out.sort(Comparator.comparingInt(RingNode::index));
        return out;
    }

    static Optional<RingNode> find(HookContext context, String instance) {
        return of(context).stream().filter(n -> n.instance().equals(instance)).findFirst();
    }

    /** The JMX port when {@code task} is the one that serves it (the server task). */
    private static Optional<Integer> jmxPort(TaskSpec task, PodInstanceRecord home) {
        Resources reserved = home.taskResources().get(task.name());
        if (reserved == null) {
            return Optional.empty();
        }
        Map<String, Integer> ports = Endpoints.ports(task, reserved);
        for (PortSpec p : task.ports()) {
            if (p.endpoint().equals(JMX_ENDPOINT) && ports.containsKey(p.name())) {
                return Optional.of(ports.get(p.name()));
            }
        }
        return Optional.empty();
    }

    /** What Berth knows is wrong with the server task; empty when it runs and passed its readiness check. */
    static Optional<String> trouble(TaskRecord record) {
        if (record == null || record.latest().isEmpty()) {
            return Optional.of("its server task has not started");
        }
        TaskStatus status = record.latest().get();
        if (status.state() != TaskState.RUNNING) {
            return Optional.of("its server task is " + status.state());
        }
        return status.ready() ? Optional.empty() : Optional.of("its server task is not ready");
    }
}
