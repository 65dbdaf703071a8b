package dev.berth.core.framework;

/** An accept that applied nothing: which operation (by position and type) was refused and why. */
public class AcceptRefusedException extends RuntimeException {
    private final int operationIndex;
    private final String operationType;

    public AcceptRefusedException(int operationIndex, String operationType, String reason) {
        super("accept refused, nothing applied: operation " + operationIndex + " (" + operationType + "): " + reason);
        this.operationIndex = operationIndex;
        this.operationType = operationType;
    }

    private AcceptRefusedException(String message) {
        super(message);
        this.operationIndex = -1;
        this.operationType = "ACCEPT";
    }

    /** The master's refusal as it came over HTTP: its message as the master wrote it. */
    public static AcceptRefusedException fromRemote(String message) {
        return new AcceptRefusedException(message);
    }

    public int operationIndex() {
        return operationIndex;
    }

    public String operationType() {
        return operationType;
    }
}
