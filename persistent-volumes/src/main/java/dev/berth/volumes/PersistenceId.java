package dev.berth.volumes;

import dev.berth.reservations.InvalidResourceException;
import java.util.regex.Pattern;

/**
 * The name a framework gives a volume so that it can find it again: after a task restarts, after the
 * agent restarts, after the framework fails over. Unique on an agent (it keys the volume's
 * {@link dev.berth.reservations.Claim}).
 *
 * <p>It also becomes a directory name in the {@link VolumeStore}, which is why the alphabet is narrow:
 * letters, digits, {@code .}, {@code _} and {@code -}; no {@code /}, so it cannot escape its folder;
 * not starting with {@code .} (no hidden entries, no {@code .} or {@code ..}) nor with {@code -} (no
 * confusion with command-line options when an operator types it); 1 to 128 characters.
 */
public record PersistenceId(String value) implements Comparable<PersistenceId> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._\\-]{0," + (MAX_LENGTH - 1) + "}");
    private static final String ALLOWED = "1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-',"
            + " not starting with '.' or '-' (such as data-0 or node-0_log)";

    public PersistenceId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidResourceException("persistence id", String.valueOf(value), ALLOWED);
        }
    }

    public static PersistenceId of(String value) {
        return new PersistenceId(value);
    }

    @Override
    public int compareTo(PersistenceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
