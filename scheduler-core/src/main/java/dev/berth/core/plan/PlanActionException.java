package dev.berth.core.plan;

/** An operator action that was refused: an unknown plan/phase/step (NOT_FOUND) or the wrong state (CONFLICT). */
public class PlanActionException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public PlanActionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
