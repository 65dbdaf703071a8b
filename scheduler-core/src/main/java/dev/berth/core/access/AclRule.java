package dev.berth.core.access;

import java.util.Objects;

/**
 * One entry of the ACL: {@code principal} may do {@code action} on {@code object}. Rules only allow;
 * whatever no rule allows is refused. {@code *} as the principal means every authenticated principal. {@code *} as the object means every object of the action's kind,
 * and an object ending in {@code *} is a prefix ({@code berth/kafka*}).
 */
public record AclRule(String principal, Action action, String object) {
    public static final String ANY = "*";

    public AclRule {
        Objects.requireNonNull(action, "action");
        if (!ANY.equals(principal)) {
            Principals.requireValidName(principal);
        }
        if (object == null || object.isBlank()) {
            throw new IllegalArgumentException("object: '" + object + "' is not valid; expected a " + action.objectKind()
                    + ", a prefix ending in *, or * for every " + action.objectKind());
        }
    }

    public static AclRule allow(String principal, Action action, String object) {
        return new AclRule(principal, action, object);
    }

    /** Whether this rule lets {@code who} do {@code what} on {@code on}. */
    public boolean allows(String who, Action what, String on) {
        return (principal.equals(ANY) || principal.equals(who)) && action == what && objectMatches(on);
    }

    private boolean objectMatches(String on) {
        if (object.equals(ANY)) {
            return true;
        }
        if (object.endsWith("*")) {
            return on.startsWith(object.substring(0, object.length() - 1));
        }
        return object.equals(on);
    }

    @Override
    public String toString() {
        return principal + " " + action.label() + " " + object;
    }
}
