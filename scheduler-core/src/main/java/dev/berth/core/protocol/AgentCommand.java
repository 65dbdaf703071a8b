package dev.berth.core.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.berth.volumes.Volume;
import java.time.Duration;
import java.util.List;

/**
 * What the master tells an agent to do; it travels in a {@link Sequenced} envelope so the agent can
 * confirm it got it. In JSON the field {@code type} says which: {@code LAUNCH}, {@code KILL}, {@code DESTROY_VOLUME},
 * {@code REMOVE_VOLUME} or {@code READ_FILE}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentCommand.LaunchTask.class, name = "LAUNCH"),
        @JsonSubTypes.Type(value = AgentCommand.KillTask.class, name = "KILL"),
        @JsonSubTypes.Type(value = AgentCommand.DestroyVolume.class, name = "DESTROY_VOLUME"),
        @JsonSubTypes.Type(value = AgentCommand.RemoveVolume.class, name = "REMOVE_VOLUME"),
        @JsonSubTypes.Type(value = AgentCommand.ReadFile.class, name = "READ_FILE")})
public sealed interface AgentCommand {
    /** Start a task; {@code volumes} are the persistent volumes it mounts, in full, so the agent finds their disk. */
    record LaunchTask(String frameworkId, TaskInfo task, List<Volume> volumes) implements AgentCommand {
        public LaunchTask {
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
        }
    }

    record KillTask(String taskId, Duration gracePeriod) implements AgentCommand {
    }

    /** A DESTROY was applied: remove the volume's directory and everything in it. */
    record DestroyVolume(Volume volume) implements AgentCommand {
    }

    /**
     * A volume the agent reported at its registration that the master's ledger no longer has (destroyed
     * while the agent was away, or its DESTROY_VOLUME was lost with a failover): remove it.
     */
    record RemoveVolume(HeldVolume volume) implements AgentCommand {
    }

    /**
     * Read a piece of a task's file and post it back to {@code /v1/agent/{id}/files/{requestId}}: agents open no
     * port, so the master asks through the agent's poll and the agent answers with a request of its own.
     */
    record ReadFile(String requestId, TaskFileRead read) implements AgentCommand {
    }
}
