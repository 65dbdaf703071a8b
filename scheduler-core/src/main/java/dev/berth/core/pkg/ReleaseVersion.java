package dev.berth.core.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A database release number such as {@code 4.1.0} or {@code 5.0.6}, compared part by part as numbers:
 * 4.10.0 is newer than 4.9.1, which a comparison of the text gets wrong. Missing parts count as 0, so
 * 4.1 and 4.1.0 are the same release.
 */
public record ReleaseVersion(List<Integer> parts) implements Comparable<ReleaseVersion> {
    public ReleaseVersion {
        parts = List.copyOf(parts);
    }

    /** The release, or empty for text that is not dot-separated numbers ({@code 4.1.0-rc1}, {@code 4..1}). */
    public static Optional<ReleaseVersion> parse(String text) {
        List<Integer> parts = new ArrayList<>();
        for (String p : text.trim().split("\\.", -1)) {
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            parts.add(Integer.parseInt(p));
        }
        return Optional.of(new ReleaseVersion(parts));
    }

    /** The release an option holds, when it holds one. */
    public static Optional<ReleaseVersion> of(Object optionValue) {
        return optionValue == null ? Optional.empty() : parse(optionValue.toString());
    }

    @Override
    public int compareTo(ReleaseVersion o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            int c = Integer.compare(i < parts.size() ? parts.get(i) : 0, i < o.parts.size() ? o.parts.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public boolean isOlderThan(ReleaseVersion o) {
        return compareTo(o) < 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
