package dev.berth.core.protocol;

import dev.berth.reservations.Resources;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An agent as it declares itself: id, hostname, the IP its tasks bind to, its resources and attributes. */
public record AgentInfo(String id, String hostname, String ip, Resources resources, Map<String, String> attributes) {
    public AgentInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(resources, "resources");
        hostname = hostname == null ? ip : hostname;
        attributes = attributes == null ? Map.of() : Map.copyOf(new TreeMap<>(attributes));
    }

    /** Parses {@code zone:a;rack:r1}, the text form agents are declared with. */
    public static Map<String, String> parseAttributes(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("attributes: '" + text + "' is not valid; expected NAME:VALUE pairs"
                        + " separated by ';', such as zone:a;rack:r1 (bad entry '" + e + "')");
            }
            out.put(e.substring(0, colon).trim(), e.substring(colon + 1).trim());
        }
        return out;
    }
}
