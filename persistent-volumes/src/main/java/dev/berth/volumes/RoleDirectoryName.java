package dev.berth.volumes;

import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.Role;
import java.util.Optional;

/**
 * A role written as one directory name, and read back. Roles are hierarchical ({@code db/kafka});
 * their {@code /} cannot stay in a single path segment, and nesting directories per role segment
 * would make {@code roles/db/kafka/data-0} ambiguous (role {@code db/kafka}, or role {@code db}
 * with a volume dir {@code kafka}?).
 *
 * <p>Encoding: each {@code /} becomes {@code %2F}; nothing else changes. It is reversible because
 * {@code %} is not allowed in a role, so every {@code %} in a directory name was written by the
 * encoder. The result is always a safe name: roles allow only letters, digits, {@code _},
 * {@code -}, {@code .} and {@code /}, and no segment may be {@code .} or {@code ..} or start with
 * {@code .} or {@code -}. (Mesos replaces {@code /} with a space instead; a percent escape keeps the
 * names free of spaces for shell tools.)
 */
public final class RoleDirectoryName {
    static final String SLASH = "%2F";

    private RoleDirectoryName() {
    }

    /** {@code db/kafka} → {@code db%2Fkafka}. */
    public static String encode(Role role) {
        return role.name().replace("/", SLASH);
    }

    /**
     * {@code db%2Fkafka} → {@code db/kafka}; empty for a name this encoder cannot have written (a
     * stray {@code %}, or something that is not a valid role), so a scan skips foreign directories.
     */
    public static Optional<Role> decode(String directoryName) {
        String decoded = directoryName.replace(SLASH, "/");
        if (decoded.indexOf('%') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.of(decoded));
        } catch (InvalidResourceException notARole) {
            return Optional.empty();
        }
    }
}
