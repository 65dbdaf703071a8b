package dev.berth.core.access;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.core.json.BerthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A grant as people write it — a principal, a built-in role or one action, and objects — and the ACL rules
 * it stands for. The API's grant and revoke take it, and so does an ACL file loaded at a master's start.
 */
public record Grants(String principal, String role, String action, List<String> objects) {
    public Grants {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** The rules: a built-in role's, or one action's, on the objects (every object when none). */
    public List<AclRule> rules() {
        boolean hasRole = role != null && !role.isBlank();
        boolean hasAction = action != null && !action.isBlank();
        if (hasRole == hasAction) {
            throw new IllegalArgumentException("role: give either a built-in role or one action for principal '"
                    + principal + "', not " + (hasRole ? "both" : "neither"));
        }
        if (hasRole) {
            return AccessRole.of(role).rules(principal, objects);
        }
        Action a = Action.of(action);
        return (objects.isEmpty() ? List.of(AclRule.ANY) : objects).stream()
                .map(o -> AclRule.allow(principal, a, o)).toList();
    }

    /**
     * The rules of an ACL file: a JSON list of grants, e.g.
     * {@code [{"principal": "olga", "role": "operator", "objects": ["kafka"]},
     * {"principal": "*", "action": "read_cluster"}]}. Refused whole, naming the entry, if one is wrong.
     */
    public static List<AclRule> readFile(Path file) {
        List<Grants> grants;
        try {
            grants = BerthJson.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Grants>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("acl file: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<AclRule> rules = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            try {
                rules.addAll(grants.get(i).rules());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("acl file " + file + ", entry " + i + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }
}
