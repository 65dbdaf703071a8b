package dev.berth.core.spec;

import java.util.List;

/**
 * Refused input about a service: a spec that does not parse, options that do not validate, an update
 * that breaks an update rule. Carries every {@link Violation} found, not just the first, so a user
 * fixes them all in one go; nothing has been changed when it is thrown.
 */
public class SpecException extends IllegalArgumentException {
    private final String headline;
    private final transient List<Violation> violations;

    public SpecException(String headline, List<Violation> violations) {
        super(format(headline, violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one violation");
        }
        this.headline = headline;
        this.violations = List.copyOf(violations);
    }

    public SpecException(String headline, Violation violation) {
        this(headline, List.of(violation));
    }

    /** What was refused, e.g. {@code invalid service spec for 'hello'}. */
    public String headline() {
        return headline;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The field of the first violation: what an API error names as the offending field. */
    public String field() {
        return violations.get(0).field();
    }

    private static String format(String headline, List<Violation> violations) {
        if (violations.size() == 1) {
            return headline + ": " + violations.get(0);
        }
        StringBuilder text = new StringBuilder(headline).append(" (").append(violations.size()).append(" problems):");
        for (Violation v : violations) {
            text.append("\n  ").append(v);
        }
        return text.toString();
    }
}
