package dev.berth.core.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.protocol.AccessViews;
import java.util.List;

/** Principals, their tokens and the ACL ({@code /v1/access}); all but {@link #whoami} need {@code manage_access}. */
public final class AccessClient {
    private final ApiCalls calls;

    AccessClient(ApiCalls calls) {
        this.calls = calls;
    }

    /** {@code GET /v1/access/whoami}: the caller's principal and its rules. */
    public AccessViews.WhoAmI whoami() {
        return calls.get(ApiPath.v1("access", "whoami"), AccessViews.WhoAmI.class);
    }

    /** {@code GET /v1/access/principals}: every principal, never a token. */
    public List<AccessViews.PrincipalView> principals() {
        return calls.get(ApiPath.v1("access", "principals"), new TypeReference<>() {
        });
    }

    /** {@code POST /v1/access/principals}: a new principal; the answer holds its token, shown this once. */
    public AccessViews.Created create(AccessViews.CreatePrincipal request) {
        return calls.post(ApiPath.v1("access", "principals"), request, AccessViews.Created.class);
    }

    /** {@code POST /v1/access/principals/{name}/token}: a new token for the principal; the old one stops working. */
    public AccessViews.Created newToken(String name) {
        return calls.post(ApiPath.v1("access", "principals").name("principal", name).then("token"), null,
                AccessViews.Created.class);
    }

    /** {@code DELETE /v1/access/principals/{name}}: the principal and every rule that names it. */
    public AccessViews.PrincipalView delete(String name) {
        return calls.delete(ApiPath.v1("access", "principals").name("principal", name), AccessViews.PrincipalView.class);
    }

    /** {@code GET /v1/access/acl}: every rule. */
    public List<AccessViews.RuleView> acl() {
        return calls.get(ApiPath.v1("access", "acl"), new TypeReference<>() {
        });
    }

    /** {@code POST /v1/access/acl/grant}: answers the rules added. */
    public List<AccessViews.RuleView> grant(AccessViews.Grant grant) {
        return calls.post(ApiPath.v1("access", "acl", "grant"), grant, new TypeReference<>() {
        });
    }

    /** {@code POST /v1/access/acl/revoke}: answers the rules removed. */
    public List<AccessViews.RuleView> revoke(AccessViews.Grant grant) {
        return calls.post(ApiPath.v1("access", "acl", "revoke"), grant, new TypeReference<>() {
        });
    }
}
