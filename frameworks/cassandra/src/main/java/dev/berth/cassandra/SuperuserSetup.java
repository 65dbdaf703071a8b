package dev.berth.cassandra;

import java.util.Optional;

/**
 * The deploy's last step when cassandra.authentication is on: replaces Cassandra's default superuser
 * role {@code cassandra} (password {@code cassandra}, known to everyone) with the role
 * cassandra.superuser whose password is the service's secret. Asked again until done, so each call
 * does the next thing that is missing and says what it did:
 * <ol>
 *   <li>the superuser logs in and the default role is gone: done;</li>
 *   <li>the superuser logs in and the default role is still there: drop it;</li>
 *   <li>the superuser cannot log in yet: log in as the default role and create the superuser;</li>
 *   <li>neither logs in: wait (the ring creates the default role some seconds after a quorum of nodes
 *       is up), or an operator changed the password by hand, which the message says.</li>
 * </ol>
 */
final class SuperuserSetup {
    static final String ACTION = "secure-superuser";

    /** What the step needs of CQL, so that its decisions are tested without a ring. */
    interface Cql {
        /** Logs in and runs {@code work}; refused logins throw {@link CqlSessions.LoginRefused}. */
        <T> T as(Login login, Work<T> work) throws CqlSessions.LoginRefused;
    }

    /** Statements run in one session. */
    interface Session {
        boolean roleExists(String role);

        void execute(String statement);
    }

    interface Work<T> {
        T run(Session session);
    }

    private SuperuserSetup() {
    }

    static Optional<String> next(Cql cql, Login superuser) {
        String user = superuser.user();
        String defaultRole = Login.defaultRole().user();
        try {
            return cql.as(superuser, s -> {
                if (!s.roleExists(defaultRole)) {
                    return Optional.empty();
                }
                s.execute("DROP ROLE " + defaultRole);
                return Optional.of("dropped the default role " + defaultRole + "; checking that " + user
                        + " still logs in");
            });
        } catch (CqlSessions.LoginRefused notYet) {
            try {
                return cql.as(Login.defaultRole(), s -> {
                    s.execute("CREATE ROLE IF NOT EXISTS " + user + " WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = "
                            + literal(superuser.password()));
                    return Optional.of("created superuser role " + user + " with the service's password; dropping the "
                            + "default role " + defaultRole + " next");
                });
            } catch (CqlSessions.LoginRefused neither) {
                return Optional.of("neither " + user + " with the service's password nor the default role " + defaultRole
                        + " logs in yet: the ring creates the default role some seconds after a quorum of nodes is up"
                        + " (if " + user + "'s password was changed by hand, put back the one of `berth secret SERVICE "
                        + Login.SECRET + "`)");
            }
        }
    }

    /** A CQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
