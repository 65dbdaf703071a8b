package dev.berth.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The principals and the ACL, as one immutable value: what the master authenticates and authorizes against.
 * Changes make a new value; the store writes it durably before anyone uses it.
 */
public final class AccessState {
    public static final AccessState EMPTY = new AccessState(List.of(), List.of());

    private final Map<String, PrincipalRecord> principals;
    private final List<AclRule> rules;
    private final Map<String, String> byTokenHash;

    public AccessState(Collection<PrincipalRecord> principals, List<AclRule> rules) {
        this.principals = new TreeMap<>(principals.stream().collect(Collectors.toMap(PrincipalRecord::name,
                Function.identity(), (a, b) -> b)));
        this.rules = List.copyOf(rules.stream().distinct().toList());
        this.byTokenHash = principals.stream().collect(Collectors.toMap(PrincipalRecord::tokenSha256,
                PrincipalRecord::name, (a, b) -> a));
    }

    public List<PrincipalRecord> principals() {
        return List.copyOf(principals.values());
    }

    public Optional<PrincipalRecord> principal(String name) {
        return Optional.ofNullable(principals.get(name));
    }

    public List<AclRule> rules() {
        return rules;
    }

    /** The rules that apply to a principal: its own and those for every principal. */
    public List<AclRule> rulesOf(String principal) {
        return rules.stream().filter(r -> r.principal().equals(principal) || r.principal().equals(AclRule.ANY)).toList();
    }

    /** The principal whose token this is, if any. */
    public Optional<String> principalOfToken(String token) {
        // looked up by hash: timing tells at most about the hash of a 256-bit random token, nothing usable
        return Optional.ofNullable(byTokenHash.get(Tokens.sha256(token)));
    }

    public boolean allows(String principal, Action action, String object) {
        return rules.stream().anyMatch(r -> r.allows(principal, action, object));
    }

    /** With this principal added or its record replaced (e.g. a new token). */
    public AccessState withPrincipal(PrincipalRecord p) {
        Map<String, PrincipalRecord> next = new TreeMap<>(principals);
        next.put(p.name(), p);
        return new AccessState(next.values(), rules);
    }

    /** Without this principal and every rule that names it. */
    public AccessState withoutPrincipal(String name) {
        Map<String, PrincipalRecord> next = new TreeMap<>(principals);
        next.remove(name);
        return new AccessState(next.values(), rules.stream().filter(r -> !r.principal().equals(name)).toList());
    }

    public AccessState withRules(List<AclRule> added) {
        List<AclRule> next = new ArrayList<>(rules);
        next.addAll(added);
        return new AccessState(principals.values(), next);
    }

    public AccessState withoutRules(List<AclRule> removed) {
        return new AccessState(principals.values(), rules.stream().filter(r -> !removed.contains(r)).toList());
    }
}
