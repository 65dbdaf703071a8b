package dev.berth.reservations;

/**
 * An operation that was refused and changed nothing. The reason is typed so callers can react (a
 * framework retries on another offer after INSUFFICIENT, never after ROLE_MISMATCH); the message
 * names the operation, the resource, the amounts and why.
 */
public class OperationRefusedException extends RuntimeException {
    public enum Reason {
        /** The request is malformed: no reservation where one is needed, an empty request. */
        INVALID,
        /** Not enough free resources of the right kind on the agent. */
        INSUFFICIENT,
        /** The reservation is for another role than the caller's. */
        ROLE_MISMATCH,
        /** The reservation names another principal than the caller's. */
        PRINCIPAL_MISMATCH,
        /** Nothing is reserved with exactly these role and labels. */
        NOT_RESERVED,
        /** A task or volume still uses what the operation would take away. */
        IN_USE,
        /** A volume with this persistence id already exists on the agent. */
        DUPLICATE,
        /** No such volume or claim. */
        NOT_FOUND
    }

    private final String operation;
    private final Reason reason;

    public OperationRefusedException(String operation, Reason reason, String detail) {
        super(operation + " refused (" + reason + "): " + detail);
        this.operation = operation;
        this.reason = reason;
    }

    public String operation() {
        return operation;
    }

    public Reason reason() {
        return reason;
    }
}
