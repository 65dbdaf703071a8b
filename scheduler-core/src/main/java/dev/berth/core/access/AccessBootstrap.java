package dev.berth.core.access;

import java.time.Instant;
import java.util.List;

/**
 * Principals a master makes sure of before it serves: the admin that {@code berth up} or the operator of
 * {@code berth master --admin-credentials} holds the token of, and the agents {@code berth up} starts. A
 * principal that exists gets the token given (the file is what counts) and keeps its other rules.
 */
public record AccessBootstrap(List<Entry> entries, List<AclRule> rules) {
    public static final AccessBootstrap NONE = new AccessBootstrap(List.of(), List.of());

    public AccessBootstrap(List<Entry> entries) {
        this(entries, List.of());
    }

    /** With these rules too (an ACL file's), added to what the ACL holds. */
    public AccessBootstrap withRules(List<AclRule> more) {
        List<AclRule> all = new java.util.ArrayList<>(rules);
        all.addAll(more);
        return new AccessBootstrap(entries, all);
    }

    /** One principal: its name, the hash of the token its credentials file holds, and the rules it needs. */
    public record Entry(String principal, String tokenSha256, String description, List<AclRule> rules) {
        /** The principal of {@code credentials} with {@code role} on every object. */
        public static Entry of(Credentials credentials, String description, AccessRole role) {
            return of(credentials, description, role, List.of());
        }

        /** The principal of {@code credentials} with {@code role} on {@code objects} (every object when empty). */
        public static Entry of(Credentials credentials, String description, AccessRole role, List<String> objects) {
            return new Entry(credentials.principal(), Tokens.sha256(credentials.token()), description,
                    role.rules(credentials.principal(), objects));
        }
    }

    public AccessBootstrap {
        entries = List.copyOf(entries);
        rules = List.copyOf(rules);
    }

    /** Writes what is missing or different; durable when this returns. */
    public void applyTo(AccessStore store) {
        if (entries.isEmpty() && rules.isEmpty()) {
            return;
        }
        store.update(state -> {
            AccessState next = state;
            for (Entry e : entries) {
                Instant created = next.principal(e.principal()).map(PrincipalRecord::created).orElse(Instant.now());
                next = next.withPrincipal(new PrincipalRecord(e.principal(), e.description(), created, e.tokenSha256()))
                        .withRules(e.rules());
            }
            return next.withRules(rules);
        });
    }
}
