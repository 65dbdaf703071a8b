package dev.berth.reservations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A set of integers kept as sorted, disjoint, non-adjacent ranges (the canonical form), so that two
 * equal sets are equal records and print the same: {@code [31000-31002,31005]}.
 */
public record Ranges(List<Range> ranges) implements ResourceValue {
    public static final Ranges EMPTY = new Ranges(List.of());

    public Ranges {
        ranges = canonical(ranges);
    }

    public static Ranges of(Range... ranges) {
        return new Ranges(List.of(ranges));
    }

    public static Ranges of(Collection<Range> ranges) {
        return new Ranges(List.copyOf(ranges));
    }

    /** Parses {@code [31000-32000,33000]} (brackets required). */
    public static Ranges parse(String field, String text) {
        String t = text.trim();
        String allowed = "ranges in brackets such as [31000-32000] or [8080,9000-9010]";
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new InvalidResourceException(field, text, allowed);
        }
        String body = t.substring(1, t.length() - 1).trim();
        List<Range> out = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                String p = part.trim();
                try {
                    int dash = p.indexOf('-');
                    if (dash < 0) {
                        out.add(Range.single(Long.parseLong(p)));
                    } else {
                        out.add(new Range(Long.parseLong(p.substring(0, dash).trim()),
                                Long.parseLong(p.substring(dash + 1).trim())));
                    }
                } catch (IllegalArgumentException e) {
                    throw new InvalidResourceException(field, text, allowed + " (bad part '" + p + "')");
                }
            }
        }
        return new Ranges(out);
    }

    private static List<Range> canonical(List<Range> input) {
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort(null);
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            if (!merged.isEmpty()) {
                Range last = merged.get(merged.size() - 1);
                if (r.begin() <= last.end() + 1) {
                    merged.set(merged.size() - 1, new Range(last.begin(), Math.max(last.end(), r.end())));
                    continue;
                }
            }
            merged.add(r);
        }
        return List.copyOf(merged);
    }

    public Ranges plus(Ranges other) {
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new Ranges(all);
    }

    /** Removes every value of {@code other}; the caller checks {@link #covers} first. */
    public Ranges minus(Ranges other) {
        List<Range> remaining = new ArrayList<>(ranges);
        for (Range cut : other.ranges) {
            List<Range> next = new ArrayList<>();
            for (Range r : remaining) {
                if (cut.end() < r.begin() || cut.begin() > r.end()) {
                    next.add(r);
                    continue;
                }
                if (r.begin() < cut.begin()) {
                    next.add(new Range(r.begin(), cut.begin() - 1));
                }
                if (r.end() > cut.end()) {
                    next.add(new Range(cut.end() + 1, r.end()));
                }
            }
            remaining = next;
        }
        return new Ranges(remaining);
    }

    public boolean covers(Ranges other) {
        for (Range want : other.ranges) {
            boolean inside = ranges.stream().anyMatch(r -> r.begin() <= want.begin() && r.end() >= want.end());
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    public boolean contains(long value) {
        return ranges.stream().anyMatch(r -> r.contains(value));
    }

    /** How many integers the set holds. */
    public long count() {
        return ranges.stream().mapToLong(Range::size).sum();
    }

    /** The first {@code n} values of the set, in order, or empty when it holds fewer. */
    public Optional<Ranges> firstValues(long n) {
        if (n > count()) {
            return Optional.empty();
        }
        List<Range> picked = new ArrayList<>();
        long left = n;
        for (Range r : ranges) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, r.size());
            picked.add(new Range(r.begin(), r.begin() + take - 1));
            left -= take;
        }
        return Optional.of(new Ranges(picked));
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
