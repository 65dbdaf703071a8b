package dev.berth.core.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/agent/register}: an agent declares itself, with the id it was given before (absent
 * the first time), its resources in the text form, its attributes, and the latest status of every
 * task it still runs or that ended while nobody listened, and the persistent volumes on its disks.
 */
public record AgentRegistration(Optional<String> agentId, String hostname, String ip, String resources,
                                Map<String, String> attributes, List<TaskStatus> tasks, List<HeldVolume> volumes) {
    public AgentRegistration {
        agentId = agentId == null ? Optional.empty() : agentId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
}
