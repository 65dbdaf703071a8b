package dev.berth.core.sdk.hooks;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.TaskRecord;
import dev.berth.core.spec.PodSpec;
import dev.berth.core.spec.PortSpec;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.TaskSpec;
import dev.berth.reservations.Range;
import dev.berth.reservations.Resource;
import dev.berth.reservations.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A service's endpoints: for every port a task declares with an {@code endpoint} name, the
 * {@code ip:port} of each pod instance that has it, in instance order. {@code broker} gives
 * {@code 127.0.0.2:31000,127.0.0.3:31000,…}, usable as-is by a client.
 */
public record Endpoints(Map<String, List<String>> addresses) {
    public Endpoints {
        Map<String, List<String>> copy = new TreeMap<>();
        addresses.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        addresses = Map.copyOf(copy);
    }

    public static Endpoints of(ServiceSpec spec, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (PodSpec pod : spec.pods()) {
            for (int i = 0; i < pod.count(); i++) {
                PodInstanceRecord home = pods.get(pod.instanceName(i));
                if (home == null || !home.hasHome()) {
                    continue;
                }
                for (ServedPort served : served(pod, home)) {
                    out.computeIfAbsent(served.endpoint(), k -> new ArrayList<>()).add(home.ip() + ":" + served.port());
                }
            }
        }
        return new Endpoints(out);
    }

    /**
     * Where the instance {@code home} serves {@code endpoint}: its agent's address and the port reserved
     * for the first of its tasks that declares the endpoint. Empty while the instance has no home, or when
     * its pod has no such endpoint. Read from the instance's own reservation, since a position in the
     * endpoint lists of {@link #of} is not an instance index (they skip instances without a home).
     */
    public static Optional<HostPort> address(ServiceSpec spec, PodInstanceRecord home, String endpoint) {
        if (!home.hasHome()) {
            return Optional.empty();
        }
        return spec.pod(home.podType()).stream().flatMap(pod -> served(pod, home).stream())
                .filter(served -> served.endpoint().equals(endpoint)).findFirst()
                .map(served -> new HostPort(home.ip(), served.port()));
    }

    /** An endpoint an instance serves and its port there. */
    public record ServedPort(String endpoint, int port) {
    }

    /**
     * The endpoints the instance serves, in the order its pod declares tasks and ports: those of its ports
     * that it advertises ({@link PortSpec#advertisedBy}, a port some instances reserve without serving on it
     * is left out for them).
     */
    public static List<ServedPort> served(PodSpec pod, PodInstanceRecord home) {
        List<ServedPort> out = new ArrayList<>();
        for (TaskSpec task : pod.tasks()) {
            Resources reserved = home.taskResources().get(task.name());
            if (reserved == null) {
                continue;
            }
            Map<String, Integer> ports = ports(task, reserved);
            for (PortSpec p : task.ports()) {
                if (p.advertisedBy(home.index()) && ports.containsKey(p.name())) {
                    out.add(new ServedPort(p.endpoint(), ports.get(p.name())));
                }
            }
        }
        return out;
    }

    /** Port numbers by name: fixed ones as declared, the others in declaration order from what was reserved. */
    public static Map<String, Integer> ports(TaskSpec task, Resources reserved) {
        List<Long> values = new ArrayList<>();
        for (Range r : reserved.ranges(Resource.PORTS).ranges()) {
            for (long p = r.begin(); p <= r.end(); p++) {
                values.add(p);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PortSpec p : task.ports()) {
            if (p.port() != 0) {
                out.put(p.name(), p.port());
                values.remove(Long.valueOf(p.port()));
            }
        }
        int i = 0;
        for (PortSpec p : task.ports()) {
            if (p.port() == 0 && i < values.size()) {
                out.put(p.name(), values.get(i++).intValue());
            }
        }
        return out;
    }

    /** Endpoint name to {@code host:port,host:port}, for templates ({@code {{endpoints.broker}}}) and the API. */
    public Map<String, String> byName() {
        Map<String, String> out = new TreeMap<>();
        addresses.forEach((k, v) -> out.put(k, String.join(",", v)));
        return out;
    }
}
