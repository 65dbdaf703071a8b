package dev.berth.core.sdk.hooks;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a pod instance, {@code TYPE-INDEX} ({@code node-0}, {@code broker-12}), as a value: its
 * pod type and index, and the names of its tasks ({@code node-0-server}). Parsed in one place, so no
 * caller splits names at dashes itself (a pod type may contain dashes: {@code data-node-3}).
 */
public record PodInstanceId(String podType, int index) {
    private static final Pattern NAME = Pattern.compile("(.+)-(\\d+)");

    public PodInstanceId {
        Objects.requireNonNull(podType, "podType");
        if (podType.isEmpty() || index < 0) {
            throw new IllegalArgumentException("pod instance: '" + podType + "-" + index
                    + "' is not valid; expected TYPE-INDEX with a type and an index of 0 or more, such as node-0");
        }
    }

    /** The instance named {@code name}, such as {@code node-0}; empty when it is not of the form TYPE-INDEX. */
    public static Optional<PodInstanceId> parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PodInstanceId(m.group(1), Integer.parseInt(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an index beyond int: not an instance Berth made
        }
    }

    /** The instance named {@code name}, or an error naming it and the form expected. */
    public static PodInstanceId of(String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException("pod instance: '" + name
                + "' is not valid; expected TYPE-INDEX such as node-0"));
    }

    /** The name of this instance's task {@code task}: {@code node-0-server}. */
    public String taskName(String task) {
        return this + "-" + task;
    }

    @Override
    public String toString() {
        return podType + "-" + index;
    }
}
