package dev.berth.kafka;

import java.util.List;

/** Keeps reasons short: a step's message names a few items and counts the rest. */
final class Reasons {
    /** How many items a reason names before it only counts the others. */
    static final int NAMED = 3;

    private Reasons() {
    }

    /** {@code a, b, c (and 4 more)}. */
    static String few(List<String> items) {
        String named = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
        return items.size() > NAMED ? named + " (and " + (items.size() - NAMED) + " more)" : named;
    }
}
