package dev.berth.core.sdk.hooks;

import dev.berth.core.protocol.PodInstanceRecord;
import dev.berth.core.protocol.ServiceTarget;
import dev.berth.core.protocol.TaskRecord;
import java.util.Map;
import java.util.Optional;

/**
 * What a hook sees of its service: the target config, where the instances live, their tasks, the
 * endpoints, the service's secrets (a superuser password the hook logs in with), for a package
 * action the parameters its plan was started with, and, when the service's nodes serve TLS, the CA
 * certificate (PEM) that the hook's own clients trust.
 */
public record HookContext(ServiceTarget target, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks,
                          Endpoints endpoints, Secrets secrets, Map<String, String> parameters,
                          Optional<String> trustedCa) {
    public HookContext {
        pods = Map.copyOf(pods);
        tasks = Map.copyOf(tasks);
        secrets = secrets == null ? Secrets.NONE : secrets;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        trustedCa = trustedCa == null ? Optional.empty() : trustedCa;
    }

    public HookContext(ServiceTarget target, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks,
                       Endpoints endpoints, Secrets secrets, Optional<String> trustedCa) {
        this(target, pods, tasks, endpoints, secrets, Map.of(), trustedCa);
    }

    public HookContext(ServiceTarget target, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks,
                       Endpoints endpoints, Secrets secrets) {
        this(target, pods, tasks, endpoints, secrets, Map.of(), Optional.empty());
    }

    /** The same context for an action of a plan started with {@code values} ({@code name} of a backup). */
    public HookContext withParameters(Map<String, String> values) {
        return new HookContext(target, pods, tasks, endpoints, secrets, values, trustedCa);
    }

    /** A context without secrets. */
    public HookContext(ServiceTarget target, Map<String, PodInstanceRecord> pods, Map<String, TaskRecord> tasks,
                       Endpoints endpoints) {
        this(target, pods, tasks, endpoints, Secrets.NONE);
    }

    /**
     * Where the pod instance {@code podInstance} ({@code broker-1}) serves {@code endpoint}
     * ({@code controller}): its agent's address and the port reserved for it. Empty while the instance
     * has no home, or when it serves no such endpoint.
     */
    public Optional<HostPort> address(String podInstance, String endpoint) {
        PodInstanceRecord home = pods.get(podInstance);
        return home == null ? Optional.empty() : Endpoints.address(target.spec(), home, endpoint);
    }
}
