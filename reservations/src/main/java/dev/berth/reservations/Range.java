package dev.berth.reservations;

/** An inclusive range of integers, such as the ports 31000-32000. */
public record Range(long begin, long end) implements Comparable<Range> {
    public Range {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("a range needs 0 <= begin <= end, got " + begin + "-" + end);
        }
    }

    public static Range single(long value) {
        return new Range(value, value);
    }

    public long size() {
        return end - begin + 1;
    }

    public boolean contains(long value) {
        return value >= begin && value <= end;
    }

    @Override
    public int compareTo(Range other) {
        return begin != other.begin ? Long.compare(begin, other.begin) : Long.compare(end, other.end);
    }

    @Override
    public String toString() {
        return begin == end ? Long.toString(begin) : begin + "-" + end;
    }
}
