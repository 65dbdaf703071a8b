package dev.berth.kafka.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Topic configs given as repeated {@code --config KEY=VALUE}. */
final class TopicConfigs {
    private TopicConfigs() {
    }

    /** In the order given; a key given twice is refused rather than one value silently winning. */
    static Map<String, String> parse(List<String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || a.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("--config: '" + a + "' is not KEY=VALUE");
            }
            String key = a.substring(0, eq).trim();
            if (out.put(key, a.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("--config: " + key + " is given twice");
            }
        }
        return out;
    }
}
