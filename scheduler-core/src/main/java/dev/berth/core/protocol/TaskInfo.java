package dev.berth.core.protocol;

import dev.berth.reservations.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A task as a framework launches it and the agent runs it: its unique id, its name ({@code
 * node-0-server}), the agent, the resources it holds (reserved ones included), what it runs, the
 * volumes it uses, how long it may take to stop, labels the framework keeps for itself (pod
 * instance, config id), and the readiness and health checks the agent runs for it.
 */
public record TaskInfo(
        String taskId,
        String name,
        String agentId,
        Resources resources,
        CommandInfo command,
        List<VolumeMount> volumes,
        Duration killGracePeriod,
        Map<String, String> labels,
        Optional<CheckInfo> readiness,
        Optional<CheckInfo> health) {

    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(30);

    public TaskInfo {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(command, "command");
        name = name == null ? taskId : name;
        resources = resources == null ? Resources.EMPTY : resources;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        killGracePeriod = killGracePeriod == null ? DEFAULT_KILL_GRACE : killGracePeriod;
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        readiness = readiness == null ? Optional.empty() : readiness;
        health = health == null ? Optional.empty() : health;
    }

    /** This task as the API shows it: config file contents hidden ({@link CommandInfo#withFileContentsHidden()}). */
    public TaskInfo withFileContentsHidden() {
        return new TaskInfo(taskId, name, agentId, resources, command.withFileContentsHidden(), volumes, killGracePeriod,
                labels, readiness, health);
    }

    /**
     * This task with the contents of the files under {@code folder} hidden: what is kept of a launch in the state
     * store, which must not hold a node's private key (the agent writes it into the sandbox, and a relaunch
     * issues a new one).
     */
    public TaskInfo withContentsHiddenUnder(String folder) {
        return new TaskInfo(taskId, name, agentId, resources, command.withContentsHiddenUnder(folder), volumes,
                killGracePeriod, labels, readiness, health);
    }

    /** A task without readiness or health checks. */
    public TaskInfo(String taskId, String name, String agentId, Resources resources, CommandInfo command,
                    List<VolumeMount> volumes, Duration killGracePeriod, Map<String, String> labels) {
        this(taskId, name, agentId, resources, command, volumes, killGracePeriod, labels, null, null);
    }
}
