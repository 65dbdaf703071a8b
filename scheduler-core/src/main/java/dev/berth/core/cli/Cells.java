package dev.berth.core.cli;

import java.util.Map;
import java.util.TreeMap;

/** How values look in the CLI's table cells. */
final class Cells {
    private Cells() {
    }

    /** Bytes for tables, in the largest unit that keeps a whole number before the point; "-" when not measured yet. */
    public static String size(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Attributes in the text form agents are declared with: {@code rack:r1;zone:a}. */
    /** {@code used/reserved/total} of one resource of an agent, or {@code -} when it declares none. */
    public static String usage(dev.berth.core.protocol.ClusterViews.AgentRow agent, String name) {
        return agent.usage().stream().filter(u -> u.name().equals(name)).findFirst()
                .map(u -> amount(u.used()) + "/" + amount(u.reserved()) + "/" + amount(u.total())).orElse("-");
    }

    private static String amount(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    public static String attributes(Map<String, String> attributes) {
        return new TreeMap<>(attributes).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(";"));
    }
}
