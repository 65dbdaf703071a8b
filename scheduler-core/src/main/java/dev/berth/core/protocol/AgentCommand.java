package dev.berth.core.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/**
 * What the master tells an agent to do; it travels in a {@link Sequenced} envelope so the agent can
 * confirm it got it. In JSON the field {@code type} says which: {@code LAUNCH} or {@code KILL}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentCommand.LaunchTask.class, name = "LAUNCH"),
        @JsonSubTypes.Type(value = AgentCommand.KillTask.class, name = "KILL")})
public sealed interface AgentCommand {
    record LaunchTask(String frameworkId, TaskInfo task) implements AgentCommand {
    }

    record KillTask(String taskId, Duration gracePeriod) implements AgentCommand {
    }
}
