package dev.berth.core.protocol;

import dev.berth.reservations.Resources;
import dev.berth.volumes.Volume;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a pod instance lives, for life: its agent, the resources reserved for each of its tasks
 * (found again in offers by their resource ids) and its volumes. A relaunch of the instance uses
 * exactly these; only a replace gives it new ones, on another agent, and marks {@code replaced} so
 * the package can tell its task (Cassandra's replace address).
 *
 * <p>{@code released} lists reservations and volumes of a replaced instance still to be destroyed
 * and unreserved once their agent is reachable again.
 */
public record PodInstanceRecord(String name, String podType, int index, String agentId, String hostname, String ip,
                                Map<String, String> attributes, Map<String, Resources> taskResources,
                                List<Volume> volumes, Optional<String> replacedIp, List<Released> released) {
    public PodInstanceRecord {
        Objects.requireNonNull(name, "name");
        agentId = agentId == null ? "" : agentId;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        taskResources = taskResources == null ? Map.of() : Map.copyOf(taskResources);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        replacedIp = replacedIp == null ? Optional.empty() : replacedIp;
        released = released == null ? List.of() : List.copyOf(released);
    }

    /** A former home of the instance: its reservations and volumes on that agent, to give back. */
    public record Released(String agentId, Resources reserved, List<Volume> volumes) {
    }

    /** False while the instance has no agent (being replaced, or released by uninstall). */
    public boolean hasHome() {
        return !agentId.isEmpty();
    }

    /** Everything reserved for the instance on its agent: its tasks' resources and its volumes' disk. */
    public Resources allReserved() {
        Resources r = taskResources.values().stream().reduce(Resources.EMPTY, Resources::plus);
        for (Volume v : volumes) {
            r = r.plus(v.resources());
        }
        return r;
    }

    /** This record with {@code others} as the former homes still to give back. */
    public PodInstanceRecord withReleased(List<Released> others) {
        return new PodInstanceRecord(name, podType, index, agentId, hostname, ip, attributes, taskResources, volumes,
                replacedIp, others);
    }

    /**
     * The instance without a home (being replaced, or released by an uninstall or decommission): it
     * keeps its name, the address it is replacing, if any, and the former homes still to give back.
     */
    public PodInstanceRecord withoutHome(Optional<String> replacing, List<Released> stillToRelease) {
        return new PodInstanceRecord(name, podType, index, "", "", "", Map.of(), Map.of(), List.of(), replacing,
                stillToRelease);
    }
}
