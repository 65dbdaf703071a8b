package dev.berth.core.protocol;

import java.time.Duration;

/** What the master tells an agent to do. Each carries a sequence number so the agent can confirm it got it. */
public sealed interface AgentCommand {
    long sequence();

    record LaunchTask(long sequence, String frameworkId, TaskInfo task) implements AgentCommand {
    }

    record KillTask(long sequence, String taskId, Duration gracePeriod) implements AgentCommand {
    }
}
