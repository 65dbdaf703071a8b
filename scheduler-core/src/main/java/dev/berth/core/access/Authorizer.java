package dev.berth.core.access;

import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one place that decides who a caller is and whether it may act: the REST API's filter, the master's
 * framework and agent paths, and the services run inside the master all ask it. Every denial goes to the
 * audit log.
 */
public final class Authorizer {
    private final AccessStore store;

    public Authorizer(AccessStore store) {
        this.store = store;
    }

    public AccessStore store() {
        return store;
    }

    /** The principal whose bearer token this is; empty for a missing or unknown token. */
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(Tokens.PREFIX)) {
            return Optional.empty();
        }
        return store.current().principalOfToken(token);
    }

    public boolean allows(String principal, Action action, String object) {
        return store.current().allows(principal, action, object);
    }

    /** Passes when an ACL rule allows it; otherwise audits the denial and throws it. */
    public void check(String principal, Action action, String object) {
        if (!allows(principal, action, object)) {
            throw deny(principal, action, object, "no ACL rule allows it");
        }
    }

    /**
     * A denial for a reason beyond the ACL (an agent id or a framework id bound to another principal):
     * audited like every denial, and answered for the caller to throw.
     */
    public static AccessDeniedException deny(String principal, Action action, String object, String why) {
        Audit.denied(principal, action, object, why);
        return new AccessDeniedException(principal, action, object, why);
    }

    /** The audit log: one line per mutating request and per denial, in category {@code berth.audit}. */
    public static final class Audit {
        private static final Logger LOG = Logger.getLogger("berth.audit");

        private Audit() {
        }

        public static void denied(String principal, Action action, String object, String why) {
            LOG.warnf("DENIED principal=%s action=%s object=%s reason=\"%s\"", principal, action.label(), object, why);
        }

        public static void request(String principal, String method, String path, int status) {
            LOG.infof("%s principal=%s request=\"%s %s\" status=%d", status / 100 == 2 ? "DONE" : "REFUSED",
                    principal, method, path, status);
        }

        public static void unauthenticated(String method, String path, String why) {
            LOG.warnf("UNAUTHENTICATED request=\"%s %s\" reason=\"%s\"", method, path, why);
        }
    }
}
