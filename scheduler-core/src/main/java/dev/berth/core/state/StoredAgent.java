package dev.berth.core.state;

import dev.berth.core.protocol.AgentInfo;
import dev.berth.reservations.AgentLedger;
import dev.berth.reservations.Claim;
import dev.berth.reservations.Resources;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeLedger;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An agent in the master's registry: what it declared and its ledger (reservations, claims, volumes
 * and who uses them), flattened into plain lists so the stored JSON stays readable and stable.
 */
public record StoredAgent(AgentInfo info, Resources resources, List<StoredClaim> claims, List<Volume> volumes,
                          Map<String, List<String>> volumeUsers, String principal) {

    public record StoredClaim(Claim.Kind kind, String id, Resources resources) {
    }

    /**
     * @param principal the principal the agent registered as; only it may register again with this id, poll
     *                  the agent's commands and report its tasks
     */
    public static StoredAgent of(AgentInfo info, VolumeLedger ledger, String principal) {
        List<StoredClaim> claims = ledger.ledger().claims().entrySet().stream()
                .map(e -> new StoredClaim(e.getKey().kind(), e.getKey().id(), e.getValue())).toList();
        Map<String, List<String>> users = new TreeMap<>();
        ledger.users().forEach((id, tasks) -> users.put(id.value(), List.copyOf(tasks)));
        return new StoredAgent(info, ledger.ledger().resources(), claims, List.copyOf(ledger.volumes().values()), users,
                principal);
    }

    public VolumeLedger ledger() {
        TreeMap<Claim, Resources> claimMap = new TreeMap<>();
        claims.forEach(c -> claimMap.put(new Claim(c.kind(), c.id()), c.resources()));
        AgentLedger agentLedger = new AgentLedger(info.id(), info.resources(), resources, claimMap);
        TreeMap<PersistenceId, Volume> volumeMap = new TreeMap<>();
        volumes.forEach(v -> volumeMap.put(v.id(), v));
        TreeMap<PersistenceId, SortedSet<String>> userMap = new TreeMap<>();
        volumeUsers.forEach((id, tasks) -> userMap.put(PersistenceId.of(id), new TreeSet<>(tasks)));
        return new VolumeLedger(agentLedger, volumeMap, userMap);
    }
}
