package dev.berth.core.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard says when something happened: a UTC time of day and how long ago, as an SRE reads a wait. */
final class Ages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Ages() {
    }

    /** {@code since 13:02:05 UTC (4 min ago)}; empty for no time. */
    static String since(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        return "since " + TIME.format(then) + " UTC (" + ago(Duration.between(then, now)) + ")";
    }

    static String time(Instant then) {
        return then == null ? "" : TIME.format(then);
    }

    /** A duration in its largest whole unit: {@code 12 s ago}, {@code 4 min ago}, {@code 2 h ago}, {@code 3 d ago}. */
    static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }
}
