package dev.berth.app.it;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples from the master's {@code /q/metrics} text, as a benchmark takes its figures from the same meters a
 * dashboard graphs: the sum of every sample of a name whose labels include the given ones.
 */
final class PrometheusSamples {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ([-+0-9.eE]+|NaN)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusSamples() {
    }

    static double sum(String metrics, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            String labelText = m.group(3) == null ? "" : m.group(3);
            boolean all = labels.entrySet().stream().allMatch(want -> {
                Matcher l = LABEL.matcher(labelText);
                while (l.find()) {
                    if (l.group(1).equals(want.getKey()) && l.group(2).equals(want.getValue())) {
                        return true;
                    }
                }
                return false;
            });
            if (all && !m.group(4).equals("NaN")) {
                total += Double.parseDouble(m.group(4));
            }
        }
        return total;
    }
}
