package dev.berth.core.testing;

import dev.berth.core.access.AccessState;
import dev.berth.core.access.AclRule;
import dev.berth.core.access.Action;
import dev.berth.core.access.Authorizer;
import dev.berth.core.access.InMemoryAccessStore;
import dev.berth.core.http.BearerToken;
import java.util.Arrays;
import java.util.List;

/** Access control for tests whose subject is something else: every principal may do everything. */
public final class TestAccess {
    /** A token for clients of fake masters, which do not check it. */
    public static final BearerToken TOKEN = BearerToken.of("berth_test");

    private TestAccess() {
    }

    public static Authorizer open() {
        return new Authorizer(openStore());
    }

    public static InMemoryAccessStore openStore() {
        List<AclRule> rules = Arrays.stream(Action.values()).map(a -> AclRule.allow(AclRule.ANY, a, AclRule.ANY)).toList();
        return new InMemoryAccessStore(new AccessState(List.of(), rules));
    }
}
