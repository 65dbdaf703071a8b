package dev.berth.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Kafka release number, compared part by part as numbers: 4.10.0 is newer than 4.9.1, which a
 * comparison of the text gets wrong.
 */
public record KafkaVersion(List<Integer> parts) implements Comparable<KafkaVersion> {
    public KafkaVersion {
        parts = List.copyOf(parts);
    }

    /** {@code 4.1.0}, {@code 4.2}; empty for text that is not dot-separated numbers. */
    public static Optional<KafkaVersion> parse(String text) {
        List<Integer> parts = new ArrayList<>();
        for (String p : text.trim().split("\\.", -1)) {
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            parts.add(Integer.parseInt(p));
        }
        return Optional.of(new KafkaVersion(parts));
    }

    /** Missing parts count as 0, so 4.1 and 4.1.0 are the same release. */
    @Override
    public int compareTo(KafkaVersion o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            int c = Integer.compare(i < parts.size() ? parts.get(i) : 0, i < o.parts.size() ? o.parts.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
