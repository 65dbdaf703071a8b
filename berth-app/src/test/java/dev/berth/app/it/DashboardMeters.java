package dev.berth.app.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The meters the Grafana dashboard in docs/grafana queries, to check against what a master serves. */
final class DashboardMeters {
    static final Path DASHBOARD = Path.of("..", "docs", "grafana", "berth-dashboard.json");
    private static final Pattern METER = Pattern.compile("\\b(berth_[a-z_]+|http_server_[a-z_]+|jvm_[a-z_]+)\\b");

    private DashboardMeters() {
    }

    static Set<String> referenced() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = METER.matcher(Files.readString(DASHBOARD));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The dashboard's meters that the scrape {@code metrics} does not serve (a sample line starts with the name). */
    static Set<String> missing(String metrics, Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(n) + "[{ ]").matcher(metrics).find()) {
                out.add(n);
            }
        }
        return out;
    }
}
