package dev.berth.core.master;

import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.core.protocol.AgentUsage;
import dev.berth.core.protocol.ConfirmedQueue;
import dev.berth.core.state.StoredAgent;
import dev.berth.volumes.VolumeLedger;
import java.time.Instant;

/**
 * The master's view of one agent: what it declared, its ledger, whether it is reachable, and the
 * commands it has not yet confirmed. Only the master's event thread changes it.
 */
final class AgentRecord {
    /**
     * REACHABLE: polling. RECOVERING: known from the registry after a master failover, expected to
     * re-register; the timeout runs for it as for a reachable agent. UNREACHABLE: timed out.
     */
    enum Status { REACHABLE, RECOVERING, UNREACHABLE }

    AgentInfo info;
    VolumeLedger ledger;
    /** The principal the agent registered as (null for a record from before agents had principals). */
    String principal;
    Status status;
    Instant lastSeen;
    final ConfirmedQueue<AgentCommand> commands = new ConfirmedQueue<>();
    /** The latest usage the agent measured; empty until it sends one. */
    AgentUsage usage = new AgentUsage(null, null, null);

    AgentRecord(AgentInfo info, VolumeLedger ledger, Status status, Instant lastSeen) {
        this.info = info;
        this.ledger = ledger;
        this.status = status;
        this.lastSeen = lastSeen;
    }

    /** The record to write to the registry, with this ledger. */
    StoredAgent stored(VolumeLedger withLedger) {
        return StoredAgent.of(info, withLedger, principal);
    }

    void send(AgentCommand command) {
        commands.add(command);
    }
}
