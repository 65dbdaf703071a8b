package dev.berth.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deploy's superuser step, against a ring of roles in memory: each call does the next missing
 * thing, and it ends with the service's superuser logging in and the default role gone.
 */
class SuperuserSetupTest {
    static final Login ADMIN = new Login("admin", "Gen3rated");

    /** Roles and their passwords, as system_auth.roles would hold them; the statements it was sent. */
    static final class Ring implements SuperuserSetup.Cql {
        final Map<String, String> roles = new HashMap<>();
        final List<String> statements = new ArrayList<>();
        final Set<String> loginsTried = new HashSet<>();

        @Override
        public <T> T as(Login login, SuperuserSetup.Work<T> work) throws CqlSessions.LoginRefused {
            loginsTried.add(login.user());
            if (!login.password().equals(roles.get(login.user()))) {
                throw new CqlSessions.LoginRefused("refused " + login.user(), null);
            }
            return work.run(new SuperuserSetup.Session() {
                @Override
                public boolean roleExists(String role) {
                    return roles.containsKey(role);
                }

                @Override
                public void execute(String statement) {
                    statements.add(statement);
                    if (statement.startsWith("DROP ROLE ")) {
                        roles.remove(statement.substring("DROP ROLE ".length()));
                    } else if (statement.startsWith("CREATE ROLE IF NOT EXISTS admin ")) {
                        roles.putIfAbsent("admin", statement.replaceAll(".*PASSWORD = '(.*)'$", "$1"));
                    }
                }
            });
        }
    }

    @Test
    void theSuperuserIsCreatedByTheDefaultRoleWhichIsThenDropped() {
        Ring ring = new Ring();
        ring.roles.put("cassandra", "cassandra");

        assertThat(SuperuserSetup.next(ring, ADMIN)).hasValue("created superuser role admin with the service's password;"
                + " dropping the default role cassandra next");
        assertThat(SuperuserSetup.next(ring, ADMIN)).hasValue("dropped the default role cassandra; checking that admin"
                + " still logs in");
        assertThat(SuperuserSetup.next(ring, ADMIN)).isEmpty();

        assertThat(ring.roles).containsOnly(Map.entry("admin", "Gen3rated"));
        assertThat(ring.statements).containsExactly(
                "CREATE ROLE IF NOT EXISTS admin WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = 'Gen3rated'",
                "DROP ROLE cassandra");
    }

    @Test
    void aRingWhoseSuperuserIsInPlaceIsLeftAsItIs() {
        Ring ring = new Ring();
        ring.roles.put("admin", "Gen3rated");

        assertThat(SuperuserSetup.next(ring, ADMIN)).isEmpty();
        assertThat(ring.statements).isEmpty();
        assertThat(ring.loginsTried).containsOnly("admin");
    }

    @Test
    void withNeitherLoginWorkingItWaitsAndSaysWhy() {
        Ring ring = new Ring(); // the default role is not created yet

        Optional<String> waiting = SuperuserSetup.next(ring, ADMIN);

        assertThat(waiting).get().asString().startsWith("neither admin with the service's password nor the default role"
                + " cassandra logs in yet").contains("berth secret SERVICE superuser_password");
        assertThat(ring.statements).isEmpty();
    }

    @Test
    void aPasswordWithAQuoteIsAValidCqlLiteral() {
        assertThat(SuperuserSetup.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void aLoginNeverShowsItsPassword() {
        assertThat(ADMIN.toString()).isEqualTo("Login[admin]");
    }
}
