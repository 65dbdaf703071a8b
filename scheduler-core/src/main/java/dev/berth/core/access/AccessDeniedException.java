package dev.berth.core.access;

/**
 * A principal asked for what no ACL rule allows it. The API answers 403 with this message, which names
 * the principal, the action and the object, and nothing was changed.
 */
public final class AccessDeniedException extends RuntimeException {
    private final String principal;
    private final Action action;
    private final String object;

    public AccessDeniedException(String principal, Action action, String object) {
        this(principal, action, object, "no ACL rule allows it");
    }

    /** A denial a master reported over HTTP: its message as the master wrote it. */
    public AccessDeniedException(String message) {
        super(message);
        this.principal = null;
        this.action = null;
        this.object = null;
    }

    public AccessDeniedException(String principal, Action action, String object, String why) {
        super("access denied: principal '" + principal + "' may not " + action.label() + " on " + action.objectKind()
                + " '" + object + "' (" + why + ")");
        this.principal = principal;
        this.action = action;
        this.object = object;
    }

    public String principal() {
        return principal;
    }

    public Action action() {
        return action;
    }

    public String object() {
        return object;
    }
}
