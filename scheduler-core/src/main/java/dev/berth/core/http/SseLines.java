package dev.berth.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the lines of a server-sent event stream into events, as the HTML standard's event-stream format
 * says: {@code id:}, {@code event:} and {@code data:} fields, an event ending at a blank line, comments
 * ({@code :}) skipped.
 */
final class SseLines {
    private final Consumer<JsonHttp.StreamEvent> events;
    private String id = "";
    private String name = "message";
    private final List<String> data = new ArrayList<>();

    SseLines(Consumer<JsonHttp.StreamEvent> events) {
        this.events = events;
    }

    void feed(Stream<String> lines) {
        lines.forEach(this::line);
    }

    void line(String line) {
        if (line.isEmpty()) {
            if (!data.isEmpty()) {
                events.accept(new JsonHttp.StreamEvent(id, name, String.join("\n", data)));
            }
            data.clear();
            name = "message";
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data.add(value);
            default -> {
                // retry and unknown fields: nothing to do
            }
        }
    }
}
