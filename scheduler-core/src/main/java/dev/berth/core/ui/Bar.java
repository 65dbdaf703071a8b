package dev.berth.core.ui;

import dev.berth.core.protocol.ClusterViews;
import java.util.Locale;

/**
 * One resource of an agent as a bar: how much of the total tasks and volumes use, and how much is reserved,
 * each as a share of the total (the two are drawn over each other: used within or beside reserved).
 *
 * @param label    e.g. {@code 0.1 / 0.5 / 2}: used / reserved / total, in the resource's unit
 * @param unit     {@code MiB} for mem and disk, {@code ports} for port ranges (counted), empty for cpus
 */
public record Bar(String name, String label, String unit, double usedPercent, double reservedPercent) {

    public static Bar of(ClusterViews.ResourceUse use) {
        String unit = switch (use.name()) {
            case "mem", "disk" -> "MiB";
            case "ports" -> "ports";
            default -> "";
        };
        return new Bar(use.name(), amount(use.used()) + " / " + amount(use.reserved()) + " / " + amount(use.total()), unit,
                percent(use.used(), use.total()), percent(use.reserved(), use.total()));
    }

    /**
     * {@code part} as a percentage of {@code total}, within 0-100 with one decimal: an agent that declares none
     * of a resource has an empty bar, and one whose use exceeds what it now declares (it came back smaller) a
     * full one.
     */
    static double percent(double part, double total) {
        if (total <= 0 || part <= 0) {
            return 0;
        }
        return Math.min(100, Math.round(part / total * 1000) / 10.0);
    }

    /** The used share as a CSS width, with a point whatever the server's locale. */
    public String usedWidth() {
        return String.format(Locale.ROOT, "%.1f%%", usedPercent);
    }

    public String reservedWidth() {
        return String.format(Locale.ROOT, "%.1f%%", reservedPercent);
    }

    private static String amount(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }
}
