package dev.berth.core.protocol;

import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.util.List;
import java.util.Map;

/**
 * Resources of one agent offered to one framework, with what it needs to decide: the agent's address
 * and attributes, and the persistent volumes of the framework's role that already exist there (a
 * relaunch finds its volume here by persistence id).
 */
public record Offer(String id, String frameworkId, String agentId, String hostname, String ip,
                    Map<String, String> attributes, Resources resources, List<Volume> volumes) {
    public Offer {
        attributes = Map.copyOf(attributes);
        volumes = List.copyOf(volumes);
    }
}
