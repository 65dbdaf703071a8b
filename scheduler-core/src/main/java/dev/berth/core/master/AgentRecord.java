package dev.berth.core.master;

import dev.berth.core.protocol.AgentCommand;
import dev.berth.core.protocol.AgentInfo;
import dev.berth.volumes.VolumeLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The master's view of one agent: what it declared, its ledger, whether it is reachable, and the
 * commands it has not yet confirmed. Only the master's event thread touches it.
 */
final class AgentRecord {
    /**
     * REACHABLE: polling. RECOVERING: known from the registry after a master failover, expected to
     * re-register; the timeout runs for it as for a reachable agent. UNREACHABLE: timed out.
     */
    enum Status { REACHABLE, RECOVERING, UNREACHABLE }

    AgentInfo info;
    VolumeLedger ledger;
    Status status;
    Instant lastSeen;
    private long nextSequence = 1;
    private final List<AgentCommand> pending = new ArrayList<>();
    private CompletableFuture<List<AgentCommand>> waitingPoll;

    AgentRecord(AgentInfo info, VolumeLedger ledger, Status status, Instant lastSeen) {
        this.info = info;
        this.ledger = ledger;
        this.status = status;
        this.lastSeen = lastSeen;
    }

    long nextSequence() {
        return nextSequence++;
    }

    /** Queues a command; an agent waiting in a long poll gets it at once. */
    void send(AgentCommand command) {
        pending.add(command);
        if (waitingPoll != null) {
            CompletableFuture<List<AgentCommand>> w = waitingPoll;
            waitingPoll = null;
            w.complete(List.copyOf(pending));
        }
    }

    /**
     * The agent asks for commands after {@code confirmed}: everything up to it was received, so it is
     * dropped; the rest is answered now, or when the next command comes.
     */
    CompletableFuture<List<AgentCommand>> poll(long confirmed) {
        pending.removeIf(c -> c.sequence() <= confirmed);
        if (waitingPoll != null) {
            waitingPoll.complete(List.of());
        }
        if (!pending.isEmpty()) {
            waitingPoll = null;
            return CompletableFuture.completedFuture(List.copyOf(pending));
        }
        waitingPoll = new CompletableFuture<>();
        return waitingPoll;
    }

    /** Ends a long poll with nothing, for a poll that timed out. */
    void endPoll(CompletableFuture<List<AgentCommand>> poll) {
        if (waitingPoll == poll) {
            waitingPoll = null;
        }
        poll.complete(List.of());
    }

    /** Drops commands that were never delivered (the agent re-registered; it reports what it runs instead). */
    void clearPending() {
        pending.clear();
    }
}
