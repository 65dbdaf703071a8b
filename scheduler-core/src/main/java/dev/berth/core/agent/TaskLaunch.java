package dev.berth.core.agent;

import dev.berth.core.protocol.CheckInfo;
import dev.berth.core.protocol.TaskIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Everything an agent needs to start one task: what to run ({@code command}, run by {@code sh -c}),
 * with which environment, limits, volumes and kill grace period, and the agent IP the task should
 * bind to. The task id names the sandbox directory and the cgroup, so it is restricted as
 * {@link TaskIds} says. {@code user} is the OS user the command and its checks run as, empty for the
 * agent's own (a launch from before users existed reads as empty).
 */
public record TaskLaunch(String taskId, String taskName, OptionalInt podIndex, String command,
        Map<String, String> environment, TaskResources resources, Duration killGracePeriod,
        List<MountedVolume> volumes, String agentIp, Map<String, String> files,
        java.util.Optional<CheckInfo> readiness,
        java.util.Optional<CheckInfo> health, String user) {

    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(30);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TaskLaunch {
        Objects.requireNonNull(taskId, "taskId");
        TaskIds.requireSafe(taskId);
        taskName = taskName == null || taskName.isBlank() ? taskId : taskName;
        podIndex = podIndex == null ? OptionalInt.empty() : podIndex;
        if (podIndex.isPresent() && podIndex.getAsInt() < 0) {
            throw new IllegalArgumentException("podIndex: " + podIndex.getAsInt() + " is not accepted; use 0 or more");
        }
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("command: must be a non-blank shell command");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        for (String name : environment.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("environment: variable name '" + name
                        + "' is not accepted; use [A-Za-z_][A-Za-z0-9_]*");
            }
        }
        resources = resources == null ? TaskResources.NONE : resources;
        killGracePeriod = killGracePeriod == null ? DEFAULT_KILL_GRACE_PERIOD : killGracePeriod;
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("killGracePeriod: " + killGracePeriod + " is not accepted; use 0 or more");
        }
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        agentIp = agentIp == null || agentIp.isBlank() ? "127.0.0.1" : agentIp;
        files = files == null ? Map.of() : Map.copyOf(files);
        readiness = readiness == null ? java.util.Optional.empty() : readiness;
        health = health == null ? java.util.Optional.empty() : health;
        user = user == null ? "" : user;
    }

    /** A launch without config files. */
    public TaskLaunch(String taskId, String taskName, OptionalInt podIndex, String command,
                      Map<String, String> environment, TaskResources resources, Duration killGracePeriod,
                      List<MountedVolume> volumes, String agentIp) {
        this(taskId, taskName, podIndex, command, environment, resources, killGracePeriod, volumes, agentIp, Map.of(),
                null, null, "");
    }

    public static Builder builder(String taskId, String command) {
        return new Builder(taskId, command);
    }

    /** Fluent construction; every field but the id and the command has a default. */
    public static final class Builder {
        private final String taskId;
        private final String command;
        private String taskName;
        private OptionalInt podIndex = OptionalInt.empty();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private TaskResources resources = TaskResources.NONE;
        private Duration killGracePeriod = DEFAULT_KILL_GRACE_PERIOD;
        private final List<MountedVolume> volumes = new ArrayList<>();
        private String agentIp;
        private final Map<String, String> files = new LinkedHashMap<>();
        private java.util.Optional<CheckInfo> readiness = java.util.Optional.empty();
        private java.util.Optional<CheckInfo> health = java.util.Optional.empty();
        private String user = "";

        private Builder(String taskId, String command) {
            this.taskId = taskId;
            this.command = command;
        }

        public Builder taskName(String name) {
            this.taskName = name;
            return this;
        }

        public Builder podIndex(int index) {
            this.podIndex = OptionalInt.of(index);
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder environment(Map<String, String> env) {
            environment.putAll(env);
            return this;
        }

        public Builder resources(TaskResources r) {
            this.resources = r;
            return this;
        }

        public Builder killGracePeriod(Duration grace) {
            this.killGracePeriod = grace;
            return this;
        }

        public Builder volume(MountedVolume volume) {
            volumes.add(volume);
            return this;
        }

        public Builder agentIp(String ip) {
            this.agentIp = ip;
            return this;
        }

        /** A file written into the sandbox before the command starts. */
        public Builder file(String path, String content) {
            files.put(path, content);
            return this;
        }

        public Builder readiness(CheckInfo check) {
            readiness = java.util.Optional.of(check);
            return this;
        }

        public Builder health(CheckInfo check) {
            health = java.util.Optional.of(check);
            return this;
        }

        /** The OS user the command and its checks run as (the command must switch to it itself). */
        public Builder user(String name) {
            user = name;
            return this;
        }

        public TaskLaunch build() {
            return new TaskLaunch(taskId, taskName, podIndex, command, environment, resources, killGracePeriod,
                    volumes, agentIp, files, readiness, health, user);
        }
    }
}
