package dev.berth.cassandra;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.protocol.TaskState;
import dev.berth.core.protocol.TaskStatus;
import dev.berth.core.sdk.hooks.HookContext;
import dev.berth.core.sdk.hooks.PodInstanceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The service's nodes as the hooks see them: every instance that has a home, with its JMX address
 * ({@link HookContext#address}: read from its own reservation) and the state of its server task as
 * Berth last heard it.
 */
final class RingNodes {
    static final String JMX_ENDPOINT = "jmx";
    /** The task of svc.yaml that runs Cassandra and serves the {@code jmx} endpoint. */
    static final String SERVER_TASK = "server";

    private RingNodes() {
    }

    /** Nodes in instance order (node-0 first: the seeds lead). */
    static List<RingNode> of(HookContext context) {
        List<RingNode> out = new ArrayList<>();
        Optional<Login> login = Login.of(context);
        for (PodInstanceRecord home : context.pods().values()) {
            String server = PodInstanceId.of(home.name()).taskName(SERVER_TASK);
            context.address(home.name(), JMX_ENDPOINT).ifPresent(jmx -> out.add(new RingNode(home.name(), home.index(),
                    jmx.host(), jmx.port(), trouble(context.tasks().get(server)), login)));
        }
        out.sort(Comparator.comparingInt(RingNode::index));
        return out;
    }

    static Optional<RingNode> find(HookContext context, String instance) {
        return of(context).stream().filter(n -> n.instance().equals(instance)).findFirst();
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
