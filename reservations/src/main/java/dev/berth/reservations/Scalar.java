package dev.berth.reservations;

import java.math.BigDecimal;

/**
 * A non-negative scalar amount (cpus, mem in MiB, disk in MiB, gpus) kept in fixed point with
 * three decimals, as Mesos does, so that adding 0.1 ten times gives exactly 1.
 */
public record Scalar(long thousandths) implements ResourceValue, Comparable<Scalar> {
    /** Three decimals: finer amounts of CPU or MiB mean nothing to a scheduler. */
    public static final int DECIMALS = 3;
    private static final long SCALE = 1000;

    public static final Scalar ZERO = new Scalar(0);

    public Scalar {
        if (thousandths < 0) {
            throw new IllegalArgumentException("a scalar cannot be negative: " + thousandths + "/1000");
        }
    }

    public static Scalar of(long whole) {
        return new Scalar(Math.multiplyExact(whole, SCALE));
    }

    /** Parses decimal text such as {@code 0.5} or {@code 8192}; refuses negatives and more than three decimals. */
    public static Scalar parse(String field, String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidResourceException(field, text, "a non-negative decimal number such as 4 or 0.5");
        }
        if (value.signum() < 0) {
            throw new InvalidResourceException(field, text, "a non-negative decimal number such as 4 or 0.5");
        }
        if (value.stripTrailingZeros().scale() > DECIMALS) {
            throw new InvalidResourceException(field, text, "at most " + DECIMALS + " decimals");
        }
        try {
            return new Scalar(value.movePointRight(DECIMALS).longValueExact());
        } catch (ArithmeticException e) {
            throw new InvalidResourceException(field, text, "a number below " + Long.MAX_VALUE / SCALE);
        }
    }

    public Scalar plus(Scalar other) {
        return new Scalar(Math.addExact(thousandths, other.thousandths));
    }

    /** Subtracts; the caller checks {@link #covers} first, a negative result throws. */
    public Scalar minus(Scalar other) {
        return new Scalar(thousandths - other.thousandths);
    }

    public boolean covers(Scalar other) {
        return thousandths >= other.thousandths;
    }

    public boolean isZero() {
        return thousandths == 0;
    }

    public double toDouble() {
        return thousandths / (double) SCALE;
    }

    @Override
    public boolean isEmpty() {
        return isZero();
    }

    @Override
    public int compareTo(Scalar other) {
        return Long.compare(thousandths, other.thousandths);
    }

    /** The shortest decimal text: {@code 4}, {@code 0.5}, {@code 0.125}. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(thousandths, DECIMALS).stripTrailingZeros().toPlainString();
    }
}
