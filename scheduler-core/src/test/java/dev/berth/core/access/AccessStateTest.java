package dev.berth.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a token belongs to, and what the ACL lets each principal do. */
class AccessStateTest {
    final String aliceToken = Tokens.newToken();
    final AccessState state = AccessState.EMPTY
            .withPrincipal(new PrincipalRecord("alice", "an SRE", Instant.EPOCH, Tokens.sha256(aliceToken)))
            .withRules(AccessRole.OPERATOR.rules("alice", List.of("kafka")));
    final Authorizer authorizer = new Authorizer(new InMemoryAccessStore(state));

    @Test
    void aTokenIsKnownByItsHashOnlyAndAnUnknownOrMalformedTokenIsNobody() {
        assertThat(authorizer.authenticate(aliceToken)).contains("alice");
        assertThat(authorizer.authenticate(Tokens.newToken())).isEmpty();
        assertThat(authorizer.authenticate("alice")).isEmpty();
        assertThat(authorizer.authenticate(null)).isEmpty();
        assertThat(state.principals()).extracting(PrincipalRecord::tokenSha256).doesNotContain(aliceToken);
    }

    @Test
    void anOperatorRunsPlansOfItsServicesButReadsNoSecretAndUninstallsNothing() {
        assertThat(authorizer.allows("alice", Action.PLAN_ACTION, "kafka")).isTrue();
        assertThat(authorizer.allows("alice", Action.READ_CLUSTER, "cluster")).isTrue();
        assertThat(authorizer.allows("alice", Action.PLAN_ACTION, "cassandra")).isFalse();
        assertThat(authorizer.allows("alice", Action.READ_SECRETS, "kafka")).isFalse();
        assertThat(authorizer.allows("alice", Action.UNINSTALL_SERVICE, "kafka")).isFalse();
        assertThatThrownBy(() -> authorizer.check("alice", Action.READ_SECRETS, "kafka"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("access denied: principal 'alice' may not read_secrets on service 'kafka' (no ACL rule allows it)");
    }

    @Test
    void aViewerReadsAndAnAdminDoesEverything() {
        Authorizer a = new Authorizer(new InMemoryAccessStore(AccessState.EMPTY
                .withRules(AccessRole.VIEWER.rules("vic", List.of()))
                .withRules(AccessRole.ADMIN.rules("root-user", List.of()))));
        assertThat(a.allows("vic", Action.READ_SERVICE, "anything")).isTrue();
        assertThat(a.allows("vic", Action.UPDATE_SERVICE, "anything")).isFalse();
        for (Action action : Action.values()) {
            assertThat(a.allows("root-user", action, "x")).as(action.label()).isTrue();
        }
    }

    @Test
    void aFrameworkActsForItsOwnRoleOnlyAndAPrefixCoversRolesBelowIt() {
        Authorizer a = new Authorizer(new InMemoryAccessStore(AccessState.EMPTY
                .withRules(AccessRole.FRAMEWORK.rules("service:kafka", List.of("berth/kafka")))
                .withRules(List.of(AclRule.allow("ops", Action.RESERVE, "team/*")))));
        assertThat(a.allows("service:kafka", Action.RESERVE, "berth/kafka")).isTrue();
        assertThat(a.allows("service:kafka", Action.RESERVE, "berth/cassandra")).isFalse();
        assertThat(a.allows("service:kafka", Action.LAUNCH_AS_USER, "root")).isFalse();
        assertThat(a.allows("ops", Action.RESERVE, "team/a")).isTrue();
        assertThat(a.allows("ops", Action.RESERVE, "other")).isFalse();
    }

    @Test
    void deletingAPrincipalTakesItsRulesAndItsTokenStopsWorking() {
        AccessState after = state.withoutPrincipal("alice");
        assertThat(after.rulesOf("alice")).isEmpty();
        assertThat(after.principalOfToken(aliceToken)).isEmpty();
    }

    @Test
    void aRuleForEveryPrincipalAppliesToEachAndBadNamesAreRefusedNamingTheField() {
        AccessState open = AccessState.EMPTY.withRules(List.of(AclRule.allow(AclRule.ANY, Action.READ_CLUSTER, AclRule.ANY)));
        assertThat(open.allows("anyone", Action.READ_CLUSTER, "cluster")).isTrue();
        assertThat(open.rulesOf("anyone")).hasSize(1);
        assertThatThrownBy(() -> AclRule.allow("has space", Action.READ_CLUSTER, "*"))
                .hasMessageStartingWith("principal: 'has space' is not valid");
        assertThatThrownBy(() -> Action.of("drop_everything")).hasMessageStartingWith("action: 'drop_everything' is not an action");
        assertThatThrownBy(() -> AccessRole.of("god")).hasMessageStartingWith("role: 'god' is not a built-in role");
        assertThat(Action.of("read-secrets")).isEqualTo(Action.READ_SECRETS);
    }
}
