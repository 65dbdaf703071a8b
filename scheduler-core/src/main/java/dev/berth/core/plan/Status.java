package dev.berth.core.plan;

/**
 * The state of a step, and by aggregation of a phase and a plan.
 *
 * <ul>
 *   <li>PENDING: not begun.</li>
 *   <li>PREPARED: an offer was accepted for it (resources reserved, launch sent).</li>
 *   <li>STARTING: its tasks are being started on the agent.</li>
 *   <li>STARTED: its tasks run but are not ready yet.</li>
 *   <li>COMPLETE: its tasks run and their readiness checks passed (or they finished, for FINISHED/ONCE goals).</li>
 *   <li>WAITING: interrupted by an operator, or waiting for one (a canary).</li>
 *   <li>ERROR: it cannot go on without an operator (its message says why).</li>
 * </ul>
 */
public enum Status {
    PENDING, PREPARED, STARTING, STARTED, COMPLETE, WAITING, ERROR;

    public boolean isInProgress() {
        return this == PREPARED || this == STARTING || this == STARTED;
    }
}
