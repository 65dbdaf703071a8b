package dev.berth.core.protocol;

import java.time.Instant;
import java.util.List;

/** Principals and the ACL as the API shows and takes them. A token appears only in {@link Created}, once. */
public final class AccessViews {
    private AccessViews() {
    }

    /** A principal: never its token or the token's hash. */
    public record PrincipalView(String name, String description, Instant created) {
    }

    /** A new principal (or a new token for one): the only answer that carries a token. */
    public record Created(String name, String token, List<RuleView> rules) {
        @Override
        public String toString() {
            return "Created[name=" + name + ", rules=" + rules + "]";
        }
    }

    /** One ACL rule: {@code principal} may do {@code action} on {@code object}. */
    public record RuleView(String principal, String action, String object) {
    }

    /**
     * Make a principal, optionally with a built-in role ({@code admin}, {@code operator}, {@code viewer},
     * {@code agent}, {@code framework}) on objects (services, agent ids or resource roles; every one when empty).
     */
    public record CreatePrincipal(String name, String description, String role, List<String> objects) {
        public CreatePrincipal {
            objects = objects == null ? List.of() : List.copyOf(objects);
        }
    }

    /** Grant or revoke: a built-in {@code role} or one {@code action}, on objects (every one when empty). */
    public record Grant(String principal, String role, String action, List<String> objects) {
        public Grant {
            objects = objects == null ? List.of() : List.copyOf(objects);
        }
    }

    /** Who the caller is and what it may do. */
    public record WhoAmI(String principal, List<RuleView> rules) {
    }
}
