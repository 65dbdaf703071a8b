package dev.berth.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task of a pod: its goal, what it runs (a shell command, Maven artifacts for its classpath, the
 * Java version it needs), its resources (cpus, mem, named ports), the config files rendered into its
 * sandbox, its readiness and health checks, how long it may take to stop, and whether it serves TLS with a
 * certificate Berth issues it ({@link TlsSpec}).
 *
 * <p>Its full name in a pod instance is {@code <instance>-<task>}: {@code broker-0-server}.
 */
public record TaskSpec(String name, GoalState goal, String cmd, Map<String, String> env, List<String> artifacts,
                       String java, double cpus, long memMib, List<PortSpec> ports, List<ConfigTemplate> configs,
                       Optional<CheckSpec> readiness, Optional<CheckSpec> health, Duration killGracePeriod,
                       Optional<TlsSpec> tls) {
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        goal = goal == null ? GoalState.RUNNING : goal;
        Objects.requireNonNull(cmd, "cmd");
        env = env == null ? Map.of() : Map.copyOf(env);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        java = java == null ? "" : java;
        ports = ports == null ? List.of() : List.copyOf(ports);
        configs = configs == null ? List.of() : List.copyOf(configs);
        readiness = readiness == null ? Optional.empty() : readiness;
        health = health == null ? Optional.empty() : health;
        killGracePeriod = killGracePeriod == null ? Duration.ofSeconds(30) : killGracePeriod;
        tls = tls == null ? Optional.empty() : tls;
    }

    /** A task without TLS. */
    public TaskSpec(String name, GoalState goal, String cmd, Map<String, String> env, List<String> artifacts,
                    String java, double cpus, long memMib, List<PortSpec> ports, List<ConfigTemplate> configs,
                    Optional<CheckSpec> readiness, Optional<CheckSpec> health, Duration killGracePeriod) {
        this(name, goal, cmd, env, artifacts, java, cpus, memMib, ports, configs, readiness, health, killGracePeriod,
                Optional.empty());
    }
}
