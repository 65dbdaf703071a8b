package dev.berth.core.master;

import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.protocol.FrameworkInfo;
import dev.berth.core.protocol.Operation;
import dev.berth.core.protocol.TaskIds;
import dev.berth.core.protocol.TaskInfo;
import dev.berth.core.protocol.VolumeMount;
import dev.berth.reservations.Caller;
import dev.berth.reservations.Claim;
import dev.berth.reservations.InsufficientResourcesException;
import dev.berth.reservations.OperationRefusedException;
import dev.berth.reservations.Resources;
import dev.berth.volumes.PersistenceId;
import dev.berth.volumes.Volume;
import dev.berth.volumes.VolumeLedger;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the operations of one accept to one agent's ledger, in order and all-or-nothing. Each
 * operation must be valid against the ledger (checked first, for its precise typed reason) and fit
 * what was offered (the offer pool, transformed by the operations before it); the first that is not
 * stops everything and nothing is applied, since ledgers are immutable and only the final one is
 * returned. A LAUNCH's task ids must be safe as paths on the agent ({@link TaskIds}).
 */
public final class OperationApplier {
    private OperationApplier() {
    }

    /** The outcome of an accept that passed: the agent's new ledger, the tasks to launch, the unused offer. */
    public record Applied(VolumeLedger ledger, List<TaskInfo> launched, List<Volume> destroyed, Resources unused) {
    }

    public static Applied apply(FrameworkInfo framework, String agentId, Resources offered, VolumeLedger start,
                         List<Operation> operations) {
        Caller caller = framework.caller();
        VolumeLedger ledger = start;
        Resources pool = offered;
        List<TaskInfo> launched = new ArrayList<>();
        List<Volume> destroyed = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            try {
                if (op instanceof Operation.Reserve r) {
                    ledger = ledger.withLedger(ledger.ledger().reserve(caller, r.resources()));
                    pool = take(pool, r.resources().withoutReservations(), "the offer's unreserved resources")
                            .plus(r.resources());
                } else if (op instanceof Operation.Unreserve u) {
                    ledger = ledger.withLedger(ledger.ledger().unreserve(caller, u.resources()));
                    pool = take(pool, u.resources(), "the offer").plus(u.resources().withoutReservations());
                } else if (op instanceof Operation.Create c) {
                    ledger = ledger.create(caller, c.volumes());
                    for (Volume v : c.volumes()) {
                        pool = take(pool, v.resources(), "the offer's reserved disk");
                    }
                } else if (op instanceof Operation.Destroy d) {
                    ledger = ledger.destroy(caller, d.volumes());
                    for (Volume v : d.volumes()) {
                        pool = pool.plus(v.resources());
                    }
                    destroyed.addAll(d.volumes());
                } else if (op instanceof Operation.Launch l) {
                    for (TaskInfo task : l.tasks()) {
                        // the id names the task's sandbox and cgroups on the agent: one plain path element only
                        TaskIds.requireSafe(task.taskId());
                        if (!task.agentId().equals(agentId)) {
                            throw new AcceptRefusedException(i, op.type(), "task " + task.taskId()
                                    + " names agent " + task.agentId() + " but the offers are of agent " + agentId);
                        }
                        pool = take(pool, task.resources(), "the offer");
                        ledger = ledger.withLedger(ledger.ledger().claim(Claim.task(task.taskId()), task.resources()));
                        for (VolumeMount m : task.volumes()) {
                            ledger = ledger.attach(task.taskId(), PersistenceId.of(m.persistenceId()));
                        }
                        launched.add(task);
                    }
                }
            } catch (OperationRefusedException | IllegalArgumentException e) {
                throw new AcceptRefusedException(i, op.type(), e.getMessage());
            }
        }
        return new Applied(ledger, launched, destroyed, pool);
    }

    private static Resources take(Resources pool, Resources wanted, String what) {
        try {
            return pool.minus(wanted);
        } catch (InsufficientResourcesException e) {
            throw new IllegalArgumentException("not in " + what + ": " + e.getMessage());
        }
    }
}
