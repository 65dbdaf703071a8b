package dev.berth.core.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in roles a principal is given: each is a set of ACL rules, written out when granted so the ACL
 * shows exactly what a principal may do. (These are access roles; the roles that resources are reserved
 * for are another thing, the objects of the framework actions.)
 */
public enum AccessRole {
    /** Everything, on every object. */
    ADMIN(List.of(Action.values()), false),
    /**
     * Reads the cluster; reads, updates, runs plans and pod actions of the given services (default every service)
     * and reads their tasks' logs; no secrets.
     */
    OPERATOR(List.of(Action.READ_SERVICE, Action.UPDATE_SERVICE, Action.PLAN_ACTION, Action.POD_ACTION, Action.READ_LOGS),
            true),
    /** Reads the cluster and the given services (default every service); changes nothing, reads no secret. */
    VIEWER(List.of(Action.READ_SERVICE), true),
    /** Registers as an agent with one of the given hostnames (default any). */
    AGENT(List.of(Action.REGISTER_AGENT), false),
    /** A framework for the given roles: registers for them, reserves and unreserves, creates and destroys volumes. */
    FRAMEWORK(List.of(Action.REGISTER_FRAMEWORK, Action.RESERVE, Action.UNRESERVE, Action.CREATE_VOLUME,
            Action.DESTROY_VOLUME), false);

    private final List<Action> actions;
    private final boolean readsCluster;

    AccessRole(List<Action> actions, boolean readsCluster) {
        this.actions = actions;
        this.readsCluster = readsCluster;
    }

    /** The rules that give {@code principal} this role on {@code objects} (every object when empty). */
    public List<AclRule> rules(String principal, List<String> objects) {
        List<String> on = objects.isEmpty() ? List.of(AclRule.ANY) : objects;
        List<AclRule> rules = new ArrayList<>();
        if (readsCluster) {
            rules.add(AclRule.allow(principal, Action.READ_CLUSTER, AclRule.ANY));
        }
        for (Action a : actions) {
            if (this == ADMIN) {
                rules.add(AclRule.allow(principal, a, AclRule.ANY));
                continue;
            }
            on.forEach(o -> rules.add(AclRule.allow(principal, a, o)));
        }
        return rules;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccessRole of(String label) {
        String key = label == null ? "" : label.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role: '" + label + "' is not a built-in role; expected one of "
                        + Arrays.stream(values()).map(AccessRole::label).collect(Collectors.joining(", "))));
    }
}
